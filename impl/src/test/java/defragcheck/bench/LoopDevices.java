package defragcheck.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helpers that look at the kernel's view of loop devices and mounts. */
final class LoopDevices {
    private LoopDevices() {}

    /** Whether any loop device's backing file is {@code image} (the kernel keeps the path even after deletion). */
    static boolean anyBackedBy(Path image) throws IOException {
        String wanted = image.toAbsolutePath().toString();
        try (DirectoryStream<Path> loops = Files.newDirectoryStream(Path.of("/sys/block"), "loop*")) {
            for (Path loop : loops) {
                Path backing = loop.resolve("loop/backing_file");
                if (Files.exists(backing)) {
                    String b = Files.readString(backing).strip();
                    if (b.equals(wanted) || b.equals(wanted + " (deleted)")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static boolean mounted(Path mountPoint) throws IOException {
        String mp = mountPoint.toAbsolutePath().toString();
        return Files.readAllLines(Path.of("/proc/mounts")).stream().anyMatch(l -> l.split(" ")[1].equals(mp));
    }
}
