package defragcheck.impl.cache;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A cached page: its data, whether it is dirty, and {@code blk}, the physical block writeback will write it to
 * (the buffer head's mapping, which the legacy defrag re-points).
 *
 * <p>{@link #lock} is the page lock (lock_page): held to fill, write, write back, re-point or evict the page. A
 * store through a writable pte does not take it: it holds the inode's page-table lock instead ({@link PageTables}),
 * which writeback takes to write-protect the pte before it reads the data, so the data it writes cannot change
 * under it. Fields are volatile so the racy reader view sees a whole block.
 */
public final class Page {
    /** lock_page. Taken after the inode's i_rwsem and invalidate_lock, before its page-table lock. */
    final ReentrantLock lock = new ReentrantLock();
    /** Written under {@link #lock} or under the page-table lock with a writable pte; a whole array is replaced, never changed. */
    private volatile byte[] data;
    private volatile boolean dirty;
    /** Written under {@link #lock}. */
    private volatile long blk;
    /** Set under {@link #lock} when the page leaves the cache; a locker that finds it set looks the page up again. */
    volatile boolean removed;

    Page(byte[] data, boolean dirty, long blk) {
        this.data = data;
        this.dirty = dirty;
        this.blk = blk;
    }

    /** The data; null only while the page is being filled, under its lock (readers then go to the block). */
    public byte[] data() {
        return data;
    }

    public boolean dirty() {
        return dirty;
    }

    public long blk() {
        return blk;
    }

    public boolean heldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }

    /** Fills a page added without data (not yet up to date), under its lock: clean. */
    public void fill(byte[] newData) {
        assert heldByCurrentThread();
        data = newData.clone();
    }

    /** page_mkwrite: dirties the page without changing it; the caller holds the page-table lock. */
    public void markDirty() {
        dirty = true;
    }

    /** The block a page added before its block was allocated will be written to; under its lock. */
    public void setBlock(long newBlk) {
        assert heldByCurrentThread();
        blk = newBlk;
    }

    public void unlock() {
        lock.unlock();
    }

    /** A write of the whole page: the caller holds the page lock or the page-table lock over a writable pte. */
    public void store(byte[] newData) {
        data = newData.clone();
        dirty = true;
    }

    /** After writeback: the caller holds the page lock and has write-protected the page's pte. */
    public void markClean() {
        assert heldByCurrentThread();
        dirty = false;
    }

    /** The legacy defrag re-points the buffer head at the block the page now belongs to, and dirties it. */
    public void repoint(long newBlk) {
        assert heldByCurrentThread();
        blk = newBlk;
        dirty = true;
    }
}
