package defragcheck.kernel.sys;

import com.sun.jna.Memory;

/**
 * EXT4_IOC_MOVE_EXT = _IOWR('f', 15, struct move_extent) (fs/ext4/ext4.h): {u32 reserved; u32 donor_fd;
 * u64 orig_start; u64 donor_start; u64 len; u64 moved_len}, 40 bytes, offsets and lengths in filesystem blocks.
 * Issued on the orig's descriptor (open read+write); moved_len is copied back even on an error.
 */
public final class MoveExtent {
    public static final long REQUEST = Ioc.iowr('f', 15, 40);

    /** What one call did: blocks moved, and the errno of a refusal (0 if it succeeded). */
    public record Result(long moved, int errno) {
        public boolean ok() {
            return errno == 0;
        }
    }

    private MoveExtent() {}

    public static Result move(Fd orig, Fd donor, long origStart, long donorStart, long len) {
        Memory m = new Memory(40);
        m.clear();
        m.setInt(4, donor.number());
        m.setLong(8, origStart);
        m.setLong(16, donorStart);
        m.setLong(24, len);
        int errno = 0;
        try {
            orig.ioctl(REQUEST, m, "EXT4_IOC_MOVE_EXT");
        } catch (SysCallException e) {
            errno = e.errno();
        }
        return new Result(m.getLong(32), errno);
    }
}
