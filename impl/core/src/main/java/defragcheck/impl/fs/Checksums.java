package defragcheck.impl.fs;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/** CRC32C, the checksum ext4 uses for its metadata. */
final class Checksums {
    private Checksums() {}

    static int crc32c(ByteBuffer buf, int from, int to) {
        CRC32C c = new CRC32C();
        c.update(buf.duplicate().limit(to).position(from));
        return (int) c.getValue();
    }

    /** CRC32C of [from, to) followed by [from2, to2): a header and its payload with a gap for the checksum itself. */
    static int crc32c(ByteBuffer buf, int from, int to, int from2, int to2) {
        CRC32C c = new CRC32C();
        c.update(buf.duplicate().limit(to).position(from));
        c.update(buf.duplicate().limit(to2).position(from2));
        return (int) c.getValue();
    }
}
