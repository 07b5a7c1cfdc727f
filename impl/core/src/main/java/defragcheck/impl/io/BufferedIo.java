package defragcheck.impl.io;

import java.io.IOException;
import java.nio.ByteBuffer;

import defragcheck.impl.cache.Page;
import defragcheck.impl.cache.PageKey;
import defragcheck.impl.device.AlignedBuffers;
import defragcheck.impl.device.BlockDevice;
import defragcheck.impl.fs.Extent;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.observe.Action;
import defragcheck.impl.observe.StepHook;

/**
 * Buffered I/O (generic_perform_write / filemap_read). A write holds i_rwsem exclusively for its one step and
 * lands in the page cache (dirty, to be written to the page's block by writeback); for DAX it goes straight to the
 * block through the mapping. A read is the reader view; {@link #readFill} is the cache fill of a read that misses.
 */
public final class BufferedIo {
    private static final int READ_CHUNK_BLOCKS = 256;

    private final Filesystem fs;

    public BufferedIo(Filesystem fs) {
        this.fs = fs;
    }

    /**
     * BufferedWrite: one whole block at {@code lblock}, under i_rwsem exclusive (ext4_buffered_write_iter). The data
     * and the ghost change together under the inode's page-table lock (ordering the write against stores through a
     * mapping); an unwritten block turns written after its data is there, so a reader never sees the stale block.
     */
    public void write(String actor, Inode inode, long lblock, byte[] data) throws IOException {
        checkBlock(data);
        StepHook.Step step = new StepHook.Step(actor, Action.BufferedWrite, inode.ino(), lblock);
        fs.hook().before(step);
        inode.rwsem.downWrite(actor);
        try {
            if (inode.isDax()) {
                writeDax(actor, inode, lblock, data);
            } else {
                writeCached(actor, inode, lblock, data);
            }
        } finally {
            inode.rwsem.upWrite(actor);
        }
        fs.hook().after(step);
    }

    /** ext4_dax_write_iter: a hole gets an unwritten block first (reading as zeros until the store is there). */
    private void writeDax(String actor, Inode inode, long lblock, byte[] data) throws IOException {
        long blk = fs.space().allocateForWrite(inode, lblock, true);
        var window = fs.device().daxWindow();
        fs.ptes().locked(inode.ino(), () -> {
            window.store(blk, data);
            fs.hook().linearized(new StepHook.Event(actor, Action.BufferedWrite, inode.ino(), lblock, blk, data));
            return null;
        });
        fs.space().markWrittenIfAt(inode, lblock, blk);
    }

    /** generic_perform_write: the page is locked before a hole gets its block, so readers see the page or zeros. */
    private void writeCached(String actor, Inode inode, long lblock, byte[] data) throws IOException {
        PageKey key = new PageKey(inode.ino(), lblock);
        long mapped = inode.physical(lblock);
        Page page = fs.cache().grab(key, mapped);
        try {
            boolean fresh = page.data() == null;
            fs.ptes().locked(inode.ino(), () -> {
                if (fresh) {
                    page.fill(data);
                }
                page.store(data);
                fs.hook().linearized(new StepHook.Event(actor, Action.BufferedWrite, inode.ino(), lblock, page.blk(), data));
                return null;
            });
            if (mapped < 0 || page.blk() < 0) {
                page.setBlock(fs.space().allocateForWrite(inode, lblock, false));
            }
            fs.space().markWritten(inode, lblock);
        } finally {
            page.unlock();
        }
    }

    /** Read: the reader view of one block. */
    public byte[] read(String actor, Inode inode, long lblock) throws IOException {
        StepHook.Step step = new StepHook.Step(actor, Action.Read, inode.ino(), lblock);
        fs.hook().before(step);
        byte[] out = fs.dataPath().readerView(inode, lblock);
        fs.hook().after(step);
        return out;
    }

    /**
     * ReadFill: a buffered read that misses the cache fills the page, clean, from its block (zeros if unwritten),
     * under the invalidate lock shared (filemap_create_folio): the page is in the cache, locked, before the block is
     * read, so a direct write completing meanwhile drops it afterwards. DAX reads and cached pages fill nothing; a
     * hole is not filled.
     */
    public void readFill(String actor, Inode inode, long lblock) throws IOException {
        StepHook.Step step = new StepHook.Step(actor, Action.ReadFill, inode.ino(), lblock);
        fs.hook().before(step);
        inode.invalidateLock.downRead();
        try {
            PageKey key = new PageKey(inode.ino(), lblock);
            Extent e = inode.find(lblock);
            if (!inode.isDax() && e != null && fs.cache().get(key) == null) {
                long blk = e.physical(lblock);
                Page page = fs.cache().addLocked(key, null, false, blk);
                if (page != null) {
                    try {
                        page.fill(e.unwritten() ? new byte[BlockDevice.BLOCK_SIZE] : fs.dataPath().read(inode, blk));
                        fs.hook().linearized(new StepHook.Event(actor, Action.ReadFill, inode.ino(), lblock, blk, page.data()));
                    } catch (IOException | RuntimeException failed) {
                        fs.cache().remove(key, page); // never leave a page that is not up to date
                        throw failed;
                    } finally {
                        page.unlock();
                    }
                }
            }
        } finally {
            inode.invalidateLock.upRead();
        }
        fs.hook().after(step);
    }

    /**
     * Reads logical [from, from+count) into one array, coalescing uncached contiguous blocks into large direct
     * reads (for verification of big files, read when no defrag or writer runs on the file).
     */
    public byte[] readRange(Inode inode, long from, long count) throws IOException {
        byte[] out = new byte[Math.toIntExact(count * BlockDevice.BLOCK_SIZE)];
        ByteBuffer buf = AlignedBuffers.allocate(READ_CHUNK_BLOCKS * BlockDevice.BLOCK_SIZE);
        for (long at = from; at < from + count; at += READ_CHUNK_BLOCKS) {
            long chunkStart = at;
            long n = Math.min(READ_CHUNK_BLOCKS, from + count - at);
            boolean plain = !inode.isDax() && fs.cache().range(inode.ino(), chunkStart, n).isEmpty();
            for (long l = chunkStart; l < chunkStart + n; ) {
                Extent e = inode.find(l);
                int dst = (int) ((l - from) * BlockDevice.BLOCK_SIZE);
                if (plain && e != null && !e.unwritten()) {
                    long run = Math.min(e.lend(), chunkStart + n) - l;
                    buf.clear().limit((int) (run * BlockDevice.BLOCK_SIZE));
                    fs.device().read(e.physical(l), buf);
                    buf.flip().get(out, dst, (int) (run * BlockDevice.BLOCK_SIZE));
                    l += run;
                } else {
                    System.arraycopy(fs.dataPath().readerView(inode, l), 0, out, dst, BlockDevice.BLOCK_SIZE);
                    l++;
                }
            }
        }
        return out;
    }

    static void checkBlock(byte[] data) {
        if (data.length != BlockDevice.BLOCK_SIZE) {
            throw new IllegalArgumentException("writes are whole blocks of " + BlockDevice.BLOCK_SIZE + " bytes, got " + data.length);
        }
    }
}
