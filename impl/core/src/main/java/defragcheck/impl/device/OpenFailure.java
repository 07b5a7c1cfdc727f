package defragcheck.impl.device;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Why an image or device could not be opened, in one line naming the path and the reason. Only EINVAL under O_DIRECT
 * is the filesystem refusing O_DIRECT; a read-only filesystem or a missing permission is said as such.
 */
final class OpenFailure {
    private OpenFailure() {}

    static IOException explained(Path p, boolean direct, FileSystemException e) {
        String file = p.toString();
        String reason = e.getReason();
        if (e instanceof AccessDeniedException) {
            return new AccessDeniedException(file, null, "permission denied");
        } else if (e instanceof FileAlreadyExistsException) {
            return new FileAlreadyExistsException(file, null, "already exists (an image is never created over an existing file or link)");
        } else if (e instanceof NoSuchFileException) {
            return new NoSuchFileException(file, null, "no such file or directory");
        } else if (direct && "Invalid argument".equals(reason)) {
            return new DirectIoRefusedException(file, e);
        } else if (reason != null && reason.contains("symbolic links")) { // ELOOP under O_NOFOLLOW
            return new FileSystemException(file, null, "is a symbolic link (an image is never opened through a link)");
        }
        return new FileSystemException(file, null, reason == null ? e.getClass().getSimpleName() : reason.toLowerCase(Locale.ROOT));
    }
}
