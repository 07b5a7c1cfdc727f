package defragcheck.impl.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The page cache of all inodes, ordered by (inode, logical block) for range operations. The map is concurrent;
 * a page enters it locked and leaves it under its lock ({@link Page#lock}), so a page found by
 * {@link #lockPage} is in the cache until its locker unlocks it. Several pages of one inode are locked in
 * logical-block order.
 */
public final class PageCache {
    private final ConcurrentSkipListMap<PageKey, Page> pages = new ConcurrentSkipListMap<>();

    /** A racy look-up (for readers, which take no page lock, and observation). */
    public Page get(PageKey key) {
        return pages.get(key);
    }

    /** find_lock_page: the cached page of {@code key}, locked, or null. */
    public Page lockPage(PageKey key) {
        while (true) {
            Page p = pages.get(key);
            if (p == null) {
                return null;
            }
            p.lock.lock();
            if (!p.removed) {
                return p;
            }
            p.lock.unlock();
        }
    }

    /**
     * add_to_page_cache_locked: inserts a page (data is copied; null: not yet up to date, to be {@link Page#fill filled})
     * and returns it locked, or null if the key has a page.
     */
    public Page addLocked(PageKey key, byte[] data, boolean dirty, long blk) {
        Page fresh = new Page(data == null ? null : data.clone(), dirty, blk);
        fresh.lock.lock();
        if (pages.putIfAbsent(key, fresh) != null) {
            fresh.lock.unlock();
            return null;
        }
        return fresh;
    }

    /** The pages of logical [from, from+count) of an inode (a live concurrent view). */
    public NavigableMap<PageKey, Page> range(int ino, long from, long count) {
        return pages.subMap(new PageKey(ino, from), true, new PageKey(ino, from + count), false);
    }

    /** Removes a page its caller holds locked (delete_from_page_cache). */
    public void remove(PageKey key, Page locked) {
        assert locked.heldByCurrentThread();
        locked.removed = true;
        pages.remove(key, locked);
    }

    /** truncate_inode_pages_range: drops the pages, dirty or not, each under its lock, in logical order. */
    public void drop(int ino, long from, long count) {
        for (PageKey key : new ArrayList<>(range(ino, from, count).keySet())) {
            Page p = lockPage(key);
            if (p != null) {
                remove(key, p);
                p.unlock();
            }
        }
    }

    /** grab_cache_page: the page of {@code key}, locked, added without data if there was none (see {@link Page#data}). */
    public Page grab(PageKey key, long blk) {
        while (true) {
            Page p = lockPage(key);
            if (p != null) {
                return p;
            }
            p = addLocked(key, null, false, blk);
            if (p != null) {
                return p;
            }
        }
    }

    public List<PageKey> dirtyKeys() {
        List<PageKey> out = new ArrayList<>();
        for (Map.Entry<PageKey, Page> e : pages.entrySet()) {
            if (e.getValue().dirty()) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** Every page (a live concurrent view; a consistent picture only of a quiescent filesystem). */
    public NavigableMap<PageKey, Page> all() {
        return pages;
    }
}
