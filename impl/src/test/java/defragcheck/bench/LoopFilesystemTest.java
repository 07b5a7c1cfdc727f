package defragcheck.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs as root with loop devices (here); skipped elsewhere. */
class LoopFilesystemTest {
    @TempDir
    Path dir;

    @BeforeEach
    void needsRootAndLoop() {
        assumeTrue(LoopFilesystem.unavailableReason().isEmpty(), () -> "loop ext4 unavailable: " + LoopFilesystem.unavailableReason().orElse(""));
    }

    @Test
    void closeUnmountsDetachesAndDeletes() throws IOException {
        Path home = dir.resolve("fs");
        Path image, mnt;
        try (LoopFilesystem fs = LoopFilesystem.create(home, 64L * DirectFile.MIB)) {
            image = fs.image();
            mnt = fs.mountPoint();
            assertTrue(LoopDevices.mounted(mnt));
            assertTrue(LoopDevices.anyBackedBy(image));
            assertTrue(fs.loopDirectIo(), "losetup --direct-io=on was not honoured");
            Files.writeString(mnt.resolve("probe"), "x");
            fs.remount();
            assertTrue(LoopDevices.mounted(mnt));
            assertTrue(Files.exists(mnt.resolve("probe")));
        }
        assertFalse(LoopDevices.mounted(mnt));
        assertFalse(LoopDevices.anyBackedBy(image));
        assertFalse(Files.exists(home));
    }

    @Test
    void aFailedBuildLeavesNoLoopDeviceBehind() throws IOException {
        Path home = dir.resolve("tiny");
        // 16 KiB attaches fine but is too small for mkfs.ext4: the failure comes after losetup.
        IOException e = assertThrows(IOException.class, () -> LoopFilesystem.create(home, 16 * 1024));
        assertTrue(e.getMessage().contains("mkfs.ext4"), e.getMessage());
        assertFalse(LoopDevices.anyBackedBy(home.resolve("ext4.img")));
        assertFalse(Files.exists(home));
    }
}
