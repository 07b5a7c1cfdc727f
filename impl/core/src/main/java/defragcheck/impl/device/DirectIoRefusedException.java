package defragcheck.impl.device;

import java.io.IOException;

/** The filesystem holding the image refused O_DIRECT and the caller did not ask for buffered access. */
public final class DirectIoRefusedException extends IOException {
    public DirectIoRefusedException(String path, Throwable cause) {
        super(path + ": O_DIRECT refused by its filesystem (" + cause.getMessage()
                + "); put the image on a filesystem that supports it or ask for buffered device access explicitly", cause);
    }
}
