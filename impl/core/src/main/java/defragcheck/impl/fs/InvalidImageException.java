package defragcheck.impl.fs;

import java.io.IOException;

/** The device does not hold a consistent defragcheck filesystem. */
public final class InvalidImageException extends IOException {
    public InvalidImageException(String path, String why) {
        super(path + ": not a valid defragcheck image: " + why);
    }
}
