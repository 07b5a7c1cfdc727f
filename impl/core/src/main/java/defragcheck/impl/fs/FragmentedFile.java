package defragcheck.impl.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import defragcheck.impl.cache.PageKey;
import defragcheck.impl.device.AlignedBuffers;
import defragcheck.impl.device.BlockDevice;
import defragcheck.impl.observe.BlockPayload;
import defragcheck.impl.observe.BlockValue;

/**
 * Builds a fragmented file as a fragmenting writer leaves one on ext4: fragments of {@code fragmentBlocks} with a
 * free gap of the same size after each, so the file has blocks/fragmentBlocks extents. Every block holds
 * self-describing content (writer {@code writer}, sequence 1). The region is written sequentially in 1 MiB
 * requests, gaps included (they get garbage), then made durable.
 */
public final class FragmentedFile {
    private static final int WRITE_CHUNK_BLOCKS = 256;

    private FragmentedFile() {}

    public static Inode create(Filesystem fs, String name, long blocks, long fragmentBlocks, int writer, InodeFlag... flags)
            throws IOException {
        if (blocks <= 0 || fragmentBlocks <= 0) {
            throw new IllegalArgumentException("blocks and fragment size must be positive");
        }
        Inode inode = fs.names().create(name, flags);
        long span = 2 * blocks;
        long region = fs.transactions().commit(Durability.NOW, handle -> {
            long start = fs.space().allocator().findContiguous(span);
            if (start < 0) {
                throw new NoSpaceException(span + " contiguous blocks to lay out " + name + " with gaps");
            }
            MetadataTransaction txn = new MetadataTransaction();
            List<Extent> pieces = new ArrayList<>();
            for (long l = 0; l < blocks; l += fragmentBlocks) {
                long n = Math.min(fragmentBlocks, blocks - l);
                long p = start + 2 * l;
                txn.add(new MetadataTransaction.Allocate(p, n));
                pieces.add(new Extent(l, p, n, false));
            }
            txn.add(new MetadataTransaction.MapRange(inode.ino(), 0, blocks, pieces));
            txn.add(new MetadataTransaction.SetSize(inode.ino(), blocks));
            handle.apply(txn);
            return start;
        });
        writeContent(fs, inode, region, span, fragmentBlocks, writer);
        return inode;
    }

    private static void writeContent(Filesystem fs, Inode inode, long region, long span, long frag, int writer) throws IOException {
        ByteBuffer buf = AlignedBuffers.allocate(WRITE_CHUNK_BLOCKS * BlockDevice.BLOCK_SIZE);
        byte[] garbage = new byte[BlockDevice.BLOCK_SIZE];
        java.util.Arrays.fill(garbage, (byte) 0x5a);
        for (long b = 0; b < span; b += WRITE_CHUNK_BLOCKS) {
            int n = (int) Math.min(WRITE_CHUNK_BLOCKS, span - b);
            buf.clear();
            for (long k = b; k < b + n; k++) {
                long fragment = k / (2 * frag);
                long within = k % (2 * frag);
                if (within < frag) {
                    long lblock = fragment * frag + within;
                    BlockPayload.encodeInto(buf, inode.ino(), lblock, writer, 1);
                } else {
                    buf.put(garbage);
                }
            }
            buf.flip();
            fs.device().write(region + b, buf);
        }
        fs.device().force();
    }
}
