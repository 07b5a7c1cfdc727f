package defragcheck.kernel.sys;

import com.sun.jna.LastErrorException;

/** The errno values the drivers tell apart (x86_64 Linux numbering). */
public final class Errno {
    public static final int EPERM = 1;
    public static final int EIO = 5;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int EFAULT = 14;
    public static final int EBUSY = 16;
    public static final int EXDEV = 18;
    public static final int EINVAL = 22;
    public static final int ENOTTY = 25;
    public static final int ENOSPC = 28;
    public static final int ENODATA = 61;
    public static final int EOPNOTSUPP = 95;
    public static final int ESTALE = 116;

    private Errno() {}

    public static int of(LastErrorException e) {
        return e.getErrorCode();
    }

    public static String name(int errno) {
        return switch (errno) {
            case EPERM -> "EPERM";
            case EIO -> "EIO";
            case EBADF -> "EBADF";
            case EAGAIN -> "EAGAIN";
            case EFAULT -> "EFAULT";
            case EBUSY -> "EBUSY";
            case EXDEV -> "EXDEV";
            case EINVAL -> "EINVAL";
            case ENOTTY -> "ENOTTY";
            case ENOSPC -> "ENOSPC";
            case ENODATA -> "ENODATA";
            case EOPNOTSUPP -> "EOPNOTSUPP";
            case ESTALE -> "ESTALE";
            default -> "errno " + errno;
        };
    }
}
