package defragcheck.impl.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** The page cache of all inodes, ordered by (inode, logical block) for range operations. Guarded by the state monitor. */
public final class PageCache {
    private final TreeMap<PageKey, Page> pages = new TreeMap<>();

    public Page get(PageKey key) {
        return pages.get(key);
    }

    /** Inserts a page (data is copied) and returns it. */
    public Page insert(PageKey key, byte[] data, boolean dirty, long blk) {
        Page p = new Page(data.clone(), dirty, blk);
        pages.put(key, p);
        return p;
    }

    /** The pages of logical [from, from+count) of an inode. */
    public NavigableMap<PageKey, Page> range(int ino, long from, long count) {
        return pages.subMap(new PageKey(ino, from), true, new PageKey(ino, from + count), false);
    }

    /** truncate_inode_pages_range: drops the pages, dirty or not. */
    public void drop(int ino, long from, long count) {
        range(ino, from, count).clear();
    }

    public List<PageKey> dirtyKeys() {
        List<PageKey> out = new ArrayList<>();
        for (Map.Entry<PageKey, Page> e : pages.entrySet()) {
            if (e.getValue().dirty) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    public NavigableMap<PageKey, Page> all() {
        return pages;
    }
}
