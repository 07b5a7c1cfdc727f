package defragcheck.impl.io;

import java.io.IOException;

import defragcheck.impl.cache.Page;
import defragcheck.impl.cache.PageKey;
import defragcheck.impl.device.BlockDevice;
import defragcheck.impl.fs.Extent;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.Inode;

/**
 * Where a block's bytes travel: a DAX inode's data only through the device mapping (loads and stores), any other
 * inode's through O_DIRECT. Every call happens inside the state monitor (see {@code DaxWindow} for why that keeps
 * the two views coherent).
 */
public final class DataPath {
    private static final byte[] ZEROS = new byte[BlockDevice.BLOCK_SIZE];

    private final Filesystem fs;

    public DataPath(Filesystem fs) {
        this.fs = fs;
    }

    public byte[] read(Inode inode, long pblk) throws IOException {
        return inode.isDax() ? fs.device().daxWindow().load(pblk) : fs.device().readBlock(pblk);
    }

    public void write(Inode inode, long pblk, byte[] data) throws IOException {
        if (inode.isDax()) {
            fs.device().daxWindow().store(pblk, data);
        } else {
            fs.device().writeBlock(pblk, data);
        }
    }

    /**
     * What a reader of {@code <<inode, lblock>>} sees: zeros for a hole or an unwritten extent; otherwise, unless
     * DAX, the cached page; otherwise the mapped block (DAX reads never consult the page cache).
     */
    public byte[] readerView(Inode inode, long lblock) throws IOException {
        Extent e = inode.extentMap().find(lblock);
        if (e == null || e.unwritten()) {
            return ZEROS.clone();
        }
        if (!inode.isDax()) {
            Page p = fs.cache().get(new PageKey(inode.ino(), lblock));
            if (p != null) {
                return p.data().clone();
            }
        }
        return read(inode, e.physical(lblock));
    }
}
