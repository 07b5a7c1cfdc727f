package defragcheck.kernel.sys;

import com.sun.jna.Memory;

/**
 * The shutdown ioctl shared by ext4 (EXT4_IOC_SHUTDOWN) and XFS (XFS_IOC_GOINGDOWN): _IOR('X', 125, u32).
 * NOLOGFLUSH (2) stops the filesystem without flushing the log or data: what a crash leaves, minus the device's
 * volatile cache. The filesystem refuses every later write (EIO) until it is unmounted and mounted again.
 */
public final class GoingDown {
    public static final long REQUEST = Ioc.ior('X', 125, 4);
    public static final int NOLOGFLUSH = 2;

    private GoingDown() {}

    /** Shuts down the filesystem of {@code anyFile} (root only). */
    public static void shutdownWithoutLogFlush(Fd anyFile) throws SysCallException {
        Memory flag = new Memory(4);
        flag.setInt(0, NOLOGFLUSH);
        anyFile.ioctl(REQUEST, flag, "shutdown ioctl");
    }
}
