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
 * inode's through O_DIRECT. DAX loads and stores of an inode's blocks happen under its page-table lock, so a load
 * never sees half a store (see {@code DaxWindow}); a defrag's copy runs with every writer of both inodes excluded.
 */
public final class DataPath {
    private static final byte[] ZEROS = new byte[BlockDevice.BLOCK_SIZE];

    private final Filesystem fs;

    public DataPath(Filesystem fs) {
        this.fs = fs;
    }

    public byte[] read(Inode inode, long pblk) throws IOException {
        if (inode.isDax()) {
            var window = fs.device().daxWindow();
            return fs.ptes().locked(inode.ino(), () -> window.load(pblk));
        }
        return fs.device().readBlock(pblk);
    }

    public void write(Inode inode, long pblk, byte[] data) throws IOException {
        if (inode.isDax()) {
            var window = fs.device().daxWindow();
            fs.ptes().locked(inode.ino(), () -> {
                window.store(pblk, data);
                return null;
            });
        } else {
            fs.device().writeBlock(pblk, data);
        }
    }

    /**
     * What a reader of {@code <<inode, lblock>>} sees: zeros for a hole or an unwritten extent; otherwise, unless
     * DAX, the cached page; otherwise the mapped block (DAX reads never consult the page cache). It takes no
     * inode lock: like a seqcount reader it retries when the extent map changed while it read, so the block it
     * returns was the file's block at one instant.
     */
    public byte[] readerView(Inode inode, long lblock) throws IOException {
        while (true) {
            long generation = inode.extentMap().generation();
            byte[] seen = viewOnce(inode, lblock);
            if (inode.extentMap().generation() == generation) {
                return seen;
            }
        }
    }

    private byte[] viewOnce(Inode inode, long lblock) throws IOException {
        Extent e = inode.find(lblock);
        if (e == null || e.unwritten()) {
            return ZEROS.clone();
        }
        if (!inode.isDax()) {
            Page p = fs.cache().get(new PageKey(inode.ino(), lblock));
            byte[] d = p == null ? null : p.data();
            if (d != null) {
                return d.clone();
            }
        }
        return read(inode, e.physical(lblock));
    }
}
