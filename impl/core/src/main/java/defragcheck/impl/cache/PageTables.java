package defragcheck.impl.cache;

import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The user mappings (ptes) of all files, by (inode, logical block). Each inode's ptes are changed under its
 * page-table lock (i_mmap_rwsem with the pte locks, as one lock per inode), which a store through a pte also holds,
 * so an unmap or write-protect is never overtaken by a store that read the pte before it. Taken after the page lock;
 * nothing else is taken under it.
 */
public final class PageTables {
    private final ConcurrentSkipListMap<PageKey, Pte> ptes = new ConcurrentSkipListMap<>();
    /** The page-table lock of each inode, by inode number. */
    private final ConcurrentHashMap<Integer, ReentrantLock> ptl = new ConcurrentHashMap<>();

    public Pte get(PageKey key) {
        return ptes.get(key);
    }

    /** Runs {@code body} under inode {@code ino}'s page-table lock. */
    public <T> T locked(int ino, Supplier<T> body) {
        ReentrantLock l = ptl.computeIfAbsent(ino, k -> new ReentrantLock());
        l.lock();
        try {
            return body.get();
        } finally {
            l.unlock();
        }
    }

    public void map(PageKey key, Pte pte) {
        locked(key.ino(), () -> ptes.put(key, pte));
    }

    /** page_mkclean: write-protect so the next store faults (and page_mkwrite dirties the page again). */
    public void mkclean(PageKey key) {
        locked(key.ino(), () -> {
            Pte p = ptes.get(key);
            if (p != null && p.writable()) {
                ptes.put(key, p.writeProtected());
            }
            return null;
        });
    }

    /** unmap_mapping_range: tear down the mappings of logical [from, from+count). */
    public void unmap(int ino, long from, long count) {
        locked(ino, () -> {
            range(ino, from, count).clear();
            return null;
        });
    }

    public NavigableMap<PageKey, Pte> range(int ino, long from, long count) {
        return ptes.subMap(new PageKey(ino, from), true, new PageKey(ino, from + count), false);
    }

    /** Every pte (a live concurrent view; a consistent picture only of a quiescent filesystem). */
    public NavigableMap<PageKey, Pte> all() {
        return ptes;
    }
}
