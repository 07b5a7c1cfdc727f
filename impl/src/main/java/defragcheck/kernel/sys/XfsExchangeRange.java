package defragcheck.kernel.sys;

import com.sun.jna.Memory;

/**
 * XFS_IOC_EXCHANGE_RANGE = _IOW('X', 129, struct xfs_exchange_range {s32 file1_fd; u32 pad; u64 file1_offset;
 * u64 file2_offset; u64 length; u64 flags}), 40 bytes, issued on file2; offsets in bytes. No freshness check.
 * XFS_IOC_START_COMMIT = _IOR('X', 130, struct xfs_commit_range) and XFS_IOC_COMMIT_RANGE = _IOW('X', 131, ...):
 * the same fields plus u64 file2_freshness[6], 88 bytes; START_COMMIT fills the freshness blob of file2,
 * COMMIT_RANGE exchanges only if file2 still matches it (else EBUSY).
 */
public final class XfsExchangeRange {
    public static final long EXCHANGE = Ioc.iow('X', 129, 40);
    public static final long START_COMMIT = Ioc.ior('X', 130, 88);
    public static final long COMMIT = Ioc.iow('X', 131, 88);

    private XfsExchangeRange() {}

    /** Exchanges {@code length} bytes at {@code offset} of file1 and file2 (the same offset in both). */
    public static void exchange(Fd file2, Fd file1, long offset, long length) throws SysCallException {
        file2.ioctl(EXCHANGE, args(40, file1, offset, length), "XFS_IOC_EXCHANGE_RANGE");
    }

    /** START_COMMIT: samples file2 (ino, generation, ctime, mtime) into the returned request. */
    public static Memory startCommit(Fd file2, Fd file1, long offset, long length) throws SysCallException {
        Memory m = args(88, file1, offset, length);
        file2.ioctl(START_COMMIT, m, "XFS_IOC_START_COMMIT");
        // START_COMMIT fills only the freshness part; the exchange fields are the caller's.
        m.setInt(0, file1.number());
        m.setLong(8, offset);
        m.setLong(16, offset);
        m.setLong(24, length);
        m.setLong(32, 0);
        return m;
    }

    /** COMMIT_RANGE with the request {@link #startCommit} returned: EBUSY if file2 changed since. */
    public static void commit(Fd file2, Memory started) throws SysCallException {
        file2.ioctl(COMMIT, started, "XFS_IOC_COMMIT_RANGE");
    }

    private static Memory args(int size, Fd file1, long offset, long length) {
        Memory m = new Memory(size);
        m.clear();
        m.setInt(0, file1.number());
        m.setLong(8, offset);
        m.setLong(16, offset);
        m.setLong(24, length);
        return m;
    }
}
