package defragcheck.impl.fs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import defragcheck.impl.device.BlockDevice;

/**
 * Block 0. Fixes the layout: [superblock][journal][metadata slot A][metadata slot B][data blocks ...].
 * A slot holds a whole metadata image (inode table, extent maps, allocation bitmap), the home metadata;
 * checkpoints alternate between the two slots, so the previous image stays intact until the next one is durable.
 * Transactions are committed in the {@link Journal} and reach a slot at the next checkpoint.
 *
 * <p>Encoding (big-endian): magic "DFRGCHK1" (8), version (4), block size (4), total blocks (8), max inodes (4),
 * slot blocks (8), journal blocks (8), CRC32C of the preceding 44 bytes (4). Version 2 added the journal; version 3
 * made the slot checksum cover the slot header and added the journal's checkpoint record and the mirrored commit
 * records (so that one flipped bit never opens an older filesystem).
 */
public record Superblock(long totalBlocks, int maxInodes, long slotBlocks, long journalBlocks) {
    static final byte[] MAGIC = "DFRGCHK1".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 3;
    private static final int ENCODED = 48;
    /** A journal never smaller than this many blocks, so that small transactions never wait for a checkpoint. */
    private static final long MIN_JOURNAL_BLOCKS = 16;
    public static final int MAX_NAME = 64;
    /** More inodes than any layout of this format holds: a superblock claiming more is forged or garbage. */
    private static final int MAX_INODES_LIMIT = 1 << 20;
    static final int EXTENT_BYTES = 20;
    static final int INODE_BYTES = 4 + 1 + 1 + 2 + MAX_NAME + 8 + 4;
    static final int SLOT_HEADER = 32;

    /**
     * The layout for a device: a slot must hold the worst case, every data block its own extent. The journal is as
     * large as a slot (a transaction larger than its free space commits by a checkpoint instead).
     */
    public static Superblock forDevice(long totalBlocks, int maxInodes) {
        if (totalBlocks < 1 || totalBlocks > maxBlocks(maxInodes)) {
            throw new IllegalArgumentException("a device of " + totalBlocks + " blocks is outside 1.." + maxBlocks(maxInodes)
                    + " (a metadata slot must fit in one 2 GiB buffer)");
        }
        long bytes = slotBytes(totalBlocks, maxInodes);
        long slot = (bytes + BlockDevice.BLOCK_SIZE - 1) / BlockDevice.BLOCK_SIZE;
        return new Superblock(totalBlocks, maxInodes, slot, Math.max(MIN_JOURNAL_BLOCKS, slot));
    }

    /** The largest device whose metadata image (read and written as one buffer) fits in an int-indexed buffer. */
    public static long maxBlocks(int maxInodes) {
        long lo = 1, hi = Integer.MAX_VALUE / EXTENT_BYTES;
        while (lo < hi) {
            long mid = (lo + hi + 1) / 2;
            if (slotBytes(mid, maxInodes) + BlockDevice.BLOCK_SIZE <= Integer.MAX_VALUE) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private static long slotBytes(long totalBlocks, int maxInodes) {
        return SLOT_HEADER + 4 + (long) maxInodes * INODE_BYTES + totalBlocks * EXTENT_BYTES + 4 + (totalBlocks + 63) / 64 * 8;
    }

    public long journalStart() {
        return 1;
    }

    public long slotStart(int slot) {
        return 1 + journalBlocks + slot * slotBlocks;
    }

    /** First data block: everything before it is metadata. */
    public long dataStart() {
        return 1 + journalBlocks + 2 * slotBlocks;
    }

    void encode(ByteBuffer b) {
        b.clear();
        b.put(MAGIC).putInt(VERSION).putInt(BlockDevice.BLOCK_SIZE).putLong(totalBlocks).putInt(maxInodes).putLong(slotBlocks).putLong(journalBlocks);
        b.putInt(Checksums.crc32c(b, 0, ENCODED - 4));
        while (b.hasRemaining()) {
            b.put((byte) 0);
        }
        b.flip();
    }

    static Superblock decode(ByteBuffer b, String path, long deviceBlocks) throws InvalidImageException {
        byte[] magic = new byte[MAGIC.length];
        b.get(0, magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new InvalidImageException(path, "bad magic in block 0 (never formatted, or another format)");
        }
        int version = b.getInt(8);
        if (version != VERSION) { // before the checksum: its position depends on the version
            throw new InvalidImageException(path, "unsupported format version " + version + " (this build reads version "
                    + VERSION + ", whose checksums cover every metadata byte that decides what is read; reformat the image)");
        }
        if (b.getInt(ENCODED - 4) != Checksums.crc32c(b, 0, ENCODED - 4)) {
            throw new InvalidImageException(path, "superblock checksum mismatch");
        }
        int blockSize = b.getInt(12);
        long total = b.getLong(16);
        int maxInodes = b.getInt(24);
        long slot = b.getLong(28);
        long journal = b.getLong(36);
        if (blockSize != BlockDevice.BLOCK_SIZE) {
            throw new InvalidImageException(path, "unsupported block size " + blockSize);
        }
        if (total != deviceBlocks) {
            throw new InvalidImageException(path, "superblock says " + total + " blocks, device has " + deviceBlocks);
        }
        if (maxInodes < 1 || maxInodes > MAX_INODES_LIMIT || total > maxBlocks(maxInodes)) {
            throw new InvalidImageException(path, "impossible layout in superblock (" + total + " blocks, " + maxInodes + " inodes)");
        }
        Superblock sb = new Superblock(total, maxInodes, slot, journal);
        if (!sb.equals(forDevice(total, maxInodes))) {
            throw new InvalidImageException(path, "inconsistent layout in superblock");
        }
        if (sb.dataStart() >= total) {
            throw new InvalidImageException(path, "impossible layout in superblock (its metadata ends at block " + sb.dataStart()
                    + " of " + total + ")");
        }
        return sb;
    }
}
