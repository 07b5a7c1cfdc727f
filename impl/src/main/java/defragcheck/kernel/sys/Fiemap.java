package defragcheck.kernel.sys;

import java.util.ArrayList;
import java.util.List;

import com.sun.jna.Memory;

/**
 * FS_IOC_FIEMAP = _IOWR('f', 11, struct fiemap) (linux/fiemap.h): a 32-byte header {start, length, flags,
 * mapped_extents, extent_count, reserved} followed by 56-byte extents {logical, physical, length, reserved64[2],
 * flags, reserved[3]}. Read in batches until an extent carries FIEMAP_EXTENT_LAST.
 */
public final class Fiemap {
    public static final long REQUEST = Ioc.iowr('f', 11, 32);
    private static final int FLAG_SYNC = 1;
    private static final int EXTENT_LAST = 1;
    public static final int EXTENT_UNWRITTEN = 0x800;
    private static final int BATCH = 256;
    private static final int HEADER = 32;
    private static final int EXTENT = 56;

    /** One extent: byte offsets in the file and on the device, its length, its FIEMAP_EXTENT_* flags. */
    public record Extent(long logical, long physical, long length, int flags) {}

    private Fiemap() {}

    /** The file's extents (after writing back its dirty pages: FIEMAP_FLAG_SYNC). */
    public static List<Extent> extents(Fd fd) throws SysCallException {
        List<Extent> out = new ArrayList<>();
        long start = 0;
        Memory m = new Memory(HEADER + (long) BATCH * EXTENT);
        while (true) {
            m.clear();
            m.setLong(0, start);
            m.setLong(8, Long.MAX_VALUE - start);
            m.setInt(16, FLAG_SYNC);
            m.setInt(24, BATCH);
            fd.ioctl(REQUEST, m, "FS_IOC_FIEMAP");
            int n = m.getInt(20);
            if (n == 0) {
                return out;
            }
            for (int i = 0; i < n; i++) {
                long at = HEADER + (long) i * EXTENT;
                Extent e = new Extent(m.getLong(at), m.getLong(at + 8), m.getLong(at + 16), m.getInt(at + 40));
                out.add(e);
                if ((e.flags() & EXTENT_LAST) != 0) {
                    return out;
                }
                start = e.logical() + e.length();
            }
        }
    }
}
