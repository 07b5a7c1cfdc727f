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
}
