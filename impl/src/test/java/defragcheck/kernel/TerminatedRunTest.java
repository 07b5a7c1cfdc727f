package defragcheck.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import defragcheck.bench.LoopFilesystem;

/** kill -TERM of a JVM holding a mounted loop filesystem leaves no mount and no loop device (root + loop; skipped elsewhere). */
class TerminatedRunTest {
    /** The child: mounts a loop ext4 in args[0], says "ready", waits to be killed. */
    public static void main(String[] args) throws Exception {
        LoopFilesystem.create(LoopFilesystem.Type.EXT4, Path.of(args[0]), 32L << 20);
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(600_000);
    }

    @Test
    void sigtermUnmountsAndDetaches() throws Exception {
        KernelTests.assumeLoop(LoopFilesystem.Type.EXT4);
        Path run = KernelTests.newRun();
        try {
            Path fsDir = run.resolve("child");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), TerminatedRunTest.class.getName(), fsDir.toString())
                    .redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                assertEquals("ready", out.readLine());
                String prefix = fsDir.toAbsolutePath().normalize() + "/";
                assertFalse(KernelWorkspace.mountsBelow(prefix).isEmpty(), "the child did not mount");
                child.destroy(); // SIGTERM
                assertTrue(child.waitFor(60, TimeUnit.SECONDS));
                assertTrue(KernelWorkspace.mountsBelow(prefix).isEmpty(), "a mount survived SIGTERM");
                assertTrue(KernelWorkspace.loopsBackedBelow(prefix).isEmpty(), "a loop device survived SIGTERM");
            } finally {
                child.destroyForcibly();
            }
        } finally {
            KernelWorkspace.cleanLeftovers(KernelTests.base());
            KernelWorkspace.removeRun(run);
        }
    }
}
