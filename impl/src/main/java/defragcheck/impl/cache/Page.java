package defragcheck.impl.cache;

/**
 * A cached page: its data, whether it is dirty, and {@code blk}, the physical block writeback will write it to
 * (the buffer head's mapping, which the legacy defrag re-points). Guarded by the state monitor.
 */
public final class Page {
    byte[] data;
    boolean dirty;
    long blk;

    Page(byte[] data, boolean dirty, long blk) {
        this.data = data;
        this.dirty = dirty;
        this.blk = blk;
    }

    public byte[] data() {
        return data;
    }

    public boolean dirty() {
        return dirty;
    }

    public long blk() {
        return blk;
    }

    public void store(byte[] newData) {
        data = newData.clone();
        dirty = true;
    }

    public void markClean() {
        dirty = false;
    }

    /** The legacy defrag re-points the buffer head at the block the page now belongs to, and dirties it. */
    public void repoint(long newBlk) {
        blk = newBlk;
        dirty = true;
    }
}
