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

    /** BufferedWrite: one whole block at {@code lblock}. */
    public void write(String actor, Inode inode, long lblock, byte[] data) throws IOException {
        checkBlock(data);
        StepHook.Step step = new StepHook.Step(actor, Action.BufferedWrite, inode.ino(), lblock);
        fs.hook().before(step);
        fs.monitor().when(inode.rwsem::isFree, () -> {
            long blk = inode.extentMap().physical(lblock);
            if (blk < 0) {
                blk = fs.allocateForWrite(inode, lblock);
            }
            fs.markWritten(inode, lblock);
            if (inode.isDax()) {
                fs.dataPath().write(inode, blk, data);
            } else {
                PageKey key = new PageKey(inode.ino(), lblock);
                Page page = fs.cache().get(key);
                if (page == null) {
                    fs.cache().insert(key, data, true, blk);
                } else {
                    page.store(data);
                }
            }
            fs.recordCompletedWrite(inode, lblock, data);
            return null;
        });
        fs.hook().after(step);
    }

    /** Read: the reader view of one block. */
    public byte[] read(String actor, Inode inode, long lblock) throws IOException {
        StepHook.Step step = new StepHook.Step(actor, Action.Read, inode.ino(), lblock);
        fs.hook().before(step);
        byte[] out = fs.monitor().atomically(() -> fs.dataPath().readerView(inode, lblock));
        fs.hook().after(step);
        return out;
    }

    /**
     * ReadFill: a buffered read that misses the cache fills the page, clean, from its block (zeros if unwritten),
     * under the invalidate lock shared (filemap_create_folio). DAX reads and cached pages fill nothing; a hole is
     * not filled.
     */
    public void readFill(String actor, Inode inode, long lblock) throws IOException {
        StepHook.Step step = new StepHook.Step(actor, Action.ReadFill, inode.ino(), lblock);
        fs.hook().before(step);
        fs.monitor().when(inode.invalidateLock::isFree, () -> {
            PageKey key = new PageKey(inode.ino(), lblock);
            Extent e = inode.extentMap().find(lblock);
            if (!inode.isDax() && e != null && fs.cache().get(key) == null) {
                long blk = e.physical(lblock);
                byte[] data = e.unwritten() ? new byte[BlockDevice.BLOCK_SIZE] : fs.dataPath().read(inode, blk);
                fs.cache().insert(key, data, false, blk);
            }
            return null;
        });
        fs.hook().after(step);
    }

    /**
     * Reads logical [from, from+count) into one array, coalescing uncached contiguous blocks into large direct
     * reads (for verification of big files). Each chunk is read atomically.
     */
    public byte[] readRange(Inode inode, long from, long count) throws IOException {
        byte[] out = new byte[Math.toIntExact(count * BlockDevice.BLOCK_SIZE)];
        ByteBuffer buf = AlignedBuffers.allocate(READ_CHUNK_BLOCKS * BlockDevice.BLOCK_SIZE);
        for (long at = from; at < from + count; at += READ_CHUNK_BLOCKS) {
            long chunkStart = at;
            long n = Math.min(READ_CHUNK_BLOCKS, from + count - at);
            fs.monitor().atomically(() -> {
                boolean plain = !inode.isDax() && fs.cache().range(inode.ino(), chunkStart, n).isEmpty();
                for (long l = chunkStart; l < chunkStart + n; ) {
                    Extent e = inode.extentMap().find(l);
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
                return null;
            });
        }
        return out;
    }

    static void checkBlock(byte[] data) {
        if (data.length != BlockDevice.BLOCK_SIZE) {
            throw new IllegalArgumentException("writes are whole blocks of " + BlockDevice.BLOCK_SIZE + " bytes, got " + data.length);
        }
    }
}
