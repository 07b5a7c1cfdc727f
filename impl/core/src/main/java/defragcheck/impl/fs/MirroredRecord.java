package defragcheck.impl.fs;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import defragcheck.impl.device.AlignedBuffers;
import defragcheck.impl.device.BlockDevice;

/**
 * A small record that decides what recovery reads (a commit record, the checkpoint record), written twice in one
 * block: at the start of its first and of its second 512-byte sector, each copy its fields then their CRC32C. One
 * flipped bit spoils at most one copy; a write torn at a sector boundary leaves each copy wholly old or new. So a
 * single fault never makes a committed transaction look uncommitted.
 */
final class MirroredRecord {
    private static final int SECTOR = 512;

    private MirroredRecord() {}

    /** A block holding both copies of {@code fields} (its position..limit, at most a sector less the checksum). */
    static ByteBuffer block(ByteBuffer fields) {
        int len = fields.remaining();
        ByteBuffer b = AlignedBuffers.allocate(BlockDevice.BLOCK_SIZE);
        for (int copy = 0; copy < 2; copy++) {
            int at = copy * SECTOR;
            b.put(at, fields, fields.position(), len);
            b.putInt(at + len, Checksums.crc32c(b, at, at + len));
        }
        return b;
    }

    /** The copies in {@code block} whose checksum holds: each its {@code len} bytes of fields (zero, one or two). */
    static List<ByteBuffer> validCopies(ByteBuffer block, int len) {
        List<ByteBuffer> out = new ArrayList<>(2);
        for (int copy = 0; copy < 2; copy++) {
            int at = copy * SECTOR;
            if (block.getInt(at + len) == Checksums.crc32c(block, at, at + len)) {
                out.add(block.slice(at, len));
            }
        }
        return out;
    }
}
