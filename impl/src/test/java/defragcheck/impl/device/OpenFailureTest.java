package defragcheck.impl.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * How a failed open is said. The tests run as root on a writable filesystem, so EROFS and EACCES cannot be provoked
 * here; the exceptions are the ones the JDK raises for them (UnixException.translateToIOException).
 */
class OpenFailureTest {
    private static final Path IMAGE = Path.of("/images/a.img");

    @Test
    void aReadOnlyFilesystemIsNotAnODirectRefusal() {
        IOException e = OpenFailure.explained(IMAGE, true, new FileSystemException(IMAGE.toString(), null, "Read-only file system"));
        assertFalse(e instanceof DirectIoRefusedException, e.getMessage());
        assertEquals("/images/a.img: read-only file system", e.getMessage());
    }

    @Test
    void permissionDeniedSaysSo() {
        IOException e = OpenFailure.explained(IMAGE, true, new AccessDeniedException(IMAGE.toString()));
        assertEquals("/images/a.img: permission denied", e.getMessage());
    }

    @Test
    void einvalUnderODirectIsTheODirectRefusalAndOnlyThen() {
        FileSystemException einval = new FileSystemException(IMAGE.toString(), null, "Invalid argument");
        assertInstanceOf(DirectIoRefusedException.class, OpenFailure.explained(IMAGE, true, einval));
        assertFalse(OpenFailure.explained(IMAGE, false, einval) instanceof DirectIoRefusedException);
    }
}
