package defragcheck.kernel.sys;

import com.sun.jna.Memory;

/**
 * XFS_IOC_SWAPEXT = _IOWR('X', 109, struct xfs_swapext {s64 version(0); s64 fdtarget; s64 fdtmp; s64 offset;
 * s64 length; char pad[16]; struct xfs_bstat stat}) (fs/xfs/libxfs/xfs_fs.h), 56 + 136 = 192 bytes, issued on
 * the target. A whole-file swap; EBUSY if the target's ctime/mtime differ from {@code stat}.
 */
public final class XfsSwapext {
    public static final long REQUEST = Ioc.iowr('X', 109, 56 + XfsBulkstat.BSTAT_SIZE);

    private XfsSwapext() {}

    public static void swap(Fd target, Fd tmp, long length, byte[] bulkstat) throws SysCallException {
        Memory m = new Memory(56 + XfsBulkstat.BSTAT_SIZE);
        m.clear();
        m.setLong(8, target.number());
        m.setLong(16, tmp.number());
        m.setLong(24, 0);
        m.setLong(32, length);
        m.write(56, bulkstat, 0, XfsBulkstat.BSTAT_SIZE);
        target.ioctl(REQUEST, m, "XFS_IOC_SWAPEXT");
    }
}
