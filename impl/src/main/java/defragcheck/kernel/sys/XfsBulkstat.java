package defragcheck.kernel.sys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.jna.Memory;

/**
 * XFS_IOC_FSBULKSTAT_SINGLE = _IOWR('X', 102, struct xfs_fsop_bulkreq {u64 *lastip; s32 icount; void *ubuffer;
 * s32 *ocount}) (fs/xfs/libxfs/xfs_fs.h), 32 bytes: one struct xfs_bstat (136 bytes) of the inode *lastip. This
 * is xfs_fsr's freshness sample: bs_mtime at 56 and bs_ctime at 72 ({s64 sec; s32 nsec; pad}). It does not mark
 * ctime as queried, unlike fstat, so a later change in the same tick can keep the coarse timestamp.
 */
public final class XfsBulkstat {
    public static final long REQUEST = Ioc.iowr('X', 102, 32);
    public static final int BSTAT_SIZE = 136;
    /** Offset of bs_mtime, then bs_ctime ({s64 sec; s32 nsec; pad}, 16 bytes each): what xfs_swap_extents compares. */
    public static final int MTIME = 56;
    public static final int TIMES_END = 88;

    private XfsBulkstat() {}

    /** The raw bstat record of {@code file}, asked through the filesystem of {@code anyFd}. */
    public static byte[] sample(Fd anyFd, Path file) throws IOException {
        return sample(anyFd, (Long) Files.getAttribute(file, "unix:ino"));
    }

    /**
     * The raw bstat record of inode {@code ino}. Unlike {@link #sample(Fd, Path)} no stat comes first: a stat
     * marks ctime queried, so the next change would get a fine-grained timestamp, which a same-tick race must avoid.
     */
    public static byte[] sample(Fd anyFd, long ino) throws SysCallException {
        Memory lastip = new Memory(8);
        lastip.setLong(0, ino);
        Memory out = new Memory(BSTAT_SIZE);
        out.clear();
        Memory ocount = new Memory(4);
        ocount.setInt(0, 0);
        Memory req = new Memory(32);
        req.clear();
        req.setPointer(0, lastip);
        req.setInt(8, 1);
        req.setPointer(16, out);
        req.setPointer(24, ocount);
        anyFd.ioctl(REQUEST, req, "XFS_IOC_FSBULKSTAT_SINGLE");
        return out.getByteArray(0, BSTAT_SIZE);
    }
}
