package defragcheck.impl.device;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * DAX emulation: a read/write memory mapping of the whole device, through a second, non-O_DIRECT channel.
 * Loads and stores go to the mapped bytes, never through our page cache, as on persistent memory.
 *
 * <p>Coherence rule with the O_DIRECT channel: the filesystem performs every block access, mapped or direct,
 * under a lock that excludes the other accesses to that block (a DAX inode's loads and stores under its page-table
 * lock; a defrag's copy while it holds both inodes' i_rwsem and invalidate_lock exclusively), so accesses to one
 * block never overlap in time. Given that, Linux keeps the two views coherent: a direct read first
 * writes back dirty page-cache pages of its range, and a direct write invalidates (and unmaps) them afterwards,
 * so the mapping refaults the new bytes. {@code force} (fsync) of the image makes mapped stores durable too.
 */
public final class DaxWindow implements AutoCloseable {
    /** Mappings are limited to 2 GiB each; segments are whole blocks so no block straddles two. */
    private static final long SEGMENT_BLOCKS = (1L << 30) / BlockDevice.BLOCK_SIZE;

    private final BlockDevice device;
    private final FileChannel channel;
    private final MappedByteBuffer[] segments;

    private DaxWindow(BlockDevice device, FileChannel channel, MappedByteBuffer[] segments) {
        this.device = device;
        this.channel = channel;
        this.segments = segments;
    }

    static DaxWindow map(BlockDevice device, long blocks) throws IOException {
        FileChannel ch = FileChannel.open(device.path(), StandardOpenOption.READ, StandardOpenOption.WRITE);
        int n = (int) ((blocks + SEGMENT_BLOCKS - 1) / SEGMENT_BLOCKS);
        MappedByteBuffer[] segs = new MappedByteBuffer[n];
        for (int i = 0; i < n; i++) {
            long first = i * SEGMENT_BLOCKS;
            long count = Math.min(SEGMENT_BLOCKS, blocks - first);
            segs[i] = ch.map(FileChannel.MapMode.READ_WRITE, first * BlockDevice.BLOCK_SIZE, count * BlockDevice.BLOCK_SIZE);
        }
        return new DaxWindow(device, ch, segs);
    }

    /** A load of one block. */
    public byte[] load(long block) {
        byte[] out = new byte[BlockDevice.BLOCK_SIZE];
        segment(block).get(offset(block), out);
        return out;
    }

    /** A store of one block. */
    public void store(long block, byte[] data) {
        segment(block).put(offset(block), data, 0, BlockDevice.BLOCK_SIZE);
        device.recordStore(block, data);
    }

    private MappedByteBuffer segment(long block) {
        return segments[(int) (block / SEGMENT_BLOCKS)];
    }

    private static int offset(long block) {
        return (int) ((block % SEGMENT_BLOCKS) * BlockDevice.BLOCK_SIZE);
    }

    @Override
    public void close() throws IOException {
        channel.close(); // the mappings stay valid until collected; nothing is written through them after close
    }
}
