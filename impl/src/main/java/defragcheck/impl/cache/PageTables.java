package defragcheck.impl.cache;

import java.util.NavigableMap;
import java.util.TreeMap;

/** The user mappings (ptes) of all files, by (inode, logical block). Guarded by the state monitor. */
public final class PageTables {
    private final TreeMap<PageKey, Pte> ptes = new TreeMap<>();

    public Pte get(PageKey key) {
        return ptes.get(key);
    }

    public void map(PageKey key, Pte pte) {
        ptes.put(key, pte);
    }

    /** page_mkclean: write-protect so the next store faults (and page_mkwrite dirties the page again). */
    public void mkclean(PageKey key) {
        Pte p = ptes.get(key);
        if (p != null && p.writable()) {
            ptes.put(key, p.writeProtected());
        }
    }

    /** unmap_mapping_range: tear down the mappings of logical [from, from+count). */
    public void unmap(int ino, long from, long count) {
        range(ino, from, count).clear();
    }

    public NavigableMap<PageKey, Pte> range(int ino, long from, long count) {
        return ptes.subMap(new PageKey(ino, from), true, new PageKey(ino, from + count), false);
    }

    public NavigableMap<PageKey, Pte> all() {
        return ptes;
    }
}
