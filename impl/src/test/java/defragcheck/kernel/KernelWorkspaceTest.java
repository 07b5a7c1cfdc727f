package defragcheck.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import defragcheck.bench.DirectFile;
import defragcheck.bench.ExternalTool;
import defragcheck.bench.LoopFilesystem;

/** A killed run's mount and loop device are removed by the next run; a live run's are not (root + loop; skipped elsewhere). */
class KernelWorkspaceTest {
    @Test
    void aFreshRunRemovesWhatADeadRunLeftAndNothingElse() throws IOException, InterruptedException {
        KernelTests.assumeLoop(LoopFilesystem.Type.EXT4);
        Path base = KernelTests.base().resolve("leftover-test");
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Path run = base.resolve("run-" + dead.pid() + "-0");
        Files.createDirectories(run.resolve("mnt"));
        Files.writeString(run.resolve(KernelWorkspace.MARKER), Long.toString(dead.pid()));
        Path image = run.resolve("left.img");
        DirectFile.zeroFill(image, 32L << 20);
        String loop = ExternalTool.run("losetup", "-f", "--show", "--direct-io=on", image.toString()).strip();
        ExternalTool.run("mkfs.ext4", "-q", "-F", loop);
        ExternalTool.run("mount", loop, run.resolve("mnt").toString());
        Path live = KernelWorkspace.newRun(base); // cleans first, then makes this process's own run
        try {
            String prefix = run.toAbsolutePath().normalize() + "/";
            assertTrue(KernelWorkspace.mountsBelow(prefix).isEmpty(), "the dead run's mount is still there");
            assertTrue(KernelWorkspace.loopsBackedBelow(prefix).isEmpty(), "the dead run's loop device is still attached");
            assertFalse(Files.exists(run));
            assertTrue(Files.exists(live.resolve(KernelWorkspace.MARKER)));
            List<String> again = KernelWorkspace.cleanLeftovers(base);
            assertTrue(again.isEmpty() && Files.exists(live), "a live run was touched: " + again);
        } finally {
            KernelWorkspace.removeRun(live);
            Files.deleteIfExists(base);
        }
    }
}
