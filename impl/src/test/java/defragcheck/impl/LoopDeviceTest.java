package defragcheck.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import defragcheck.impl.defrag.DefragOptions;
import defragcheck.impl.defrag.DefragReport;
import defragcheck.impl.defrag.Protocol;
import defragcheck.impl.defrag.WholeFileDefrag;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.FragmentedFile;
import defragcheck.impl.observe.ContentCheck;

/**
 * The same filesystem on a real block device: a loop device this test attaches (with direct I/O) and detaches.
 * Needs root and a free loop device; skipped elsewhere.
 */
class LoopDeviceTest {
    @TempDir
    Path dir;

    @Test
    void defragOnALoopDevice() throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "Linux only");
        assumeTrue(isRoot(), "needs root to attach a loop device");
        assumeTrue(Files.isWritable(Path.of("/dev/loop-control")), "no /dev/loop-control");
        Path backing = dir.resolve("loop.img");
        try (var ch = java.nio.channels.FileChannel.open(backing, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(16L << 20);
            ch.write(java.nio.ByteBuffer.allocate(1), (16L << 20) - 1);
        }
        String loop = run("losetup", "-f", "--show", "--direct-io=on", backing.toString());
        assumeTrue(loop != null && loop.startsWith("/dev/loop"), "losetup failed");
        try {
            Path dev = Path.of(loop);
            try (Filesystem fs = Filesystem.format(dev, 0)) {
                assertEquals(4096, fs.device().blocks(), "the device keeps its own size");
                var f = FragmentedFile.create(fs, "frag", 300, 3, 5);
                DefragReport r = WholeFileDefrag.run(f, Protocol.DECS, DefragOptions.defaults());
                assertEquals(100, r.extentsBefore());
                assertEquals(1, r.extentsAfter());
            }
            try (Filesystem fs = Filesystem.open(dev)) {
                ContentCheck.Report c = ContentCheck.verify(fs.names().lookup("frag"), 5, 1);
                assertTrue(c.intact(), c.toString());
            }
        } finally {
            run("losetup", "-d", loop);
        }
    }

    private static boolean isRoot() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Uid:")) {
                return line.split("\\s+")[1].equals("0");
            }
        }
        return false;
    }

    /** Runs a command; its first output line, or null if it failed or is missing. */
    private static String run(String... cmd) {
        try {
            Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out.lines().findFirst().orElse("") : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
