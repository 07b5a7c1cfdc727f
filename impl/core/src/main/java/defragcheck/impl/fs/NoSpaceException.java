package defragcheck.impl.fs;

import java.io.IOException;

/** ENOSPC: not enough free blocks (or no free run long enough) for the request; nothing was changed. */
public final class NoSpaceException extends IOException {
    public NoSpaceException(String what) {
        super("no space: " + what);
    }
}
