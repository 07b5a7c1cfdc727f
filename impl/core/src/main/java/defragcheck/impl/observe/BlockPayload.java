package defragcheck.impl.observe;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

import defragcheck.impl.device.BlockDevice;

/**
 * Self-describing block content, so a reader can tell a write from garbage and from a misplaced block:
 * magic, {file (ino), logical block, writer id, sequence number}, filler derived from those, CRC32C at the end.
 */
public final class BlockPayload {
    private static final int MAGIC = 0x44434b31; // "DCK1"
    private static final int CRC_AT = BlockDevice.BLOCK_SIZE - 4;

    private BlockPayload() {}

    public static byte[] encode(int ino, long lblock, int writer, long seq) {
        byte[] out = new byte[BlockDevice.BLOCK_SIZE];
        encodeInto(ByteBuffer.wrap(out), ino, lblock, writer, seq);
        return out;
    }

    /** Writes one block at the buffer's position (advancing it). */
    public static void encodeInto(ByteBuffer b, int ino, long lblock, int writer, long seq) {
        int start = b.position();
        b.putInt(MAGIC).putInt(ino).putLong(lblock).putInt(writer).putLong(seq);
        long x = (ino * 0x9E3779B97F4A7C15L) ^ (lblock * 0xC2B2AE3D27D4EB4FL) ^ ((long) writer << 40) ^ seq ^ 0x165667B19E3779F9L;
        while (b.position() < start + CRC_AT) {
            x ^= x << 13; // xorshift: cheap filler so every byte of the block depends on the header
            x ^= x >>> 7;
            x ^= x << 17;
            if (start + CRC_AT - b.position() >= 8) {
                b.putLong(x);
            } else {
                b.putInt((int) x);
            }
        }
        CRC32C c = new CRC32C();
        c.update(b.duplicate().position(start).limit(start + CRC_AT));
        b.putInt((int) c.getValue());
    }

    public static BlockValue decode(byte[] block) {
        return decode(ByteBuffer.wrap(block), 0);
    }

    public static BlockValue decode(ByteBuffer b, int start) {
        if (b.getInt(start) != MAGIC) {
            for (int i = 0; i < BlockDevice.BLOCK_SIZE; i += 8) {
                if (b.getLong(start + i) != 0) {
                    return BlockValue.GARBAGE;
                }
            }
            return BlockValue.ZERO;
        }
        CRC32C c = new CRC32C();
        c.update(b.duplicate().limit(start + CRC_AT).position(start));
        if ((int) c.getValue() != b.getInt(start + CRC_AT)) {
            return BlockValue.GARBAGE;
        }
        return new BlockValue.Written(b.getInt(start + 4), b.getLong(start + 8), b.getInt(start + 16), b.getLong(start + 20));
    }
}
