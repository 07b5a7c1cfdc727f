package defragcheck.kernel.sys;

import java.io.IOException;

/** A system call the kernel refused, with its errno (EBUSY and ESTALE are counted, not fatal, by the drivers). */
public final class SysCallException extends IOException {
    private final int errno;

    public SysCallException(String what, int errno) {
        super(what + ": " + Errno.name(errno));
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
