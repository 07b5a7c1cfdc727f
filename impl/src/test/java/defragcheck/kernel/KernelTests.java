package defragcheck.kernel;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;

import defragcheck.bench.LoopFilesystem;
import defragcheck.harness.ProjectRoot;

/** What the kernel tests share: the skip rule (root, loop devices, the filesystem's tools) and the workspace. */
final class KernelTests {
    private KernelTests() {}

    static void assumeLoop(LoopFilesystem.Type type) {
        var why = LoopFilesystem.unavailableReason(type);
        assumeTrue(why.isEmpty(), () -> "loop " + type.name().toLowerCase() + " unavailable: " + why.orElse(""));
    }

    static Path base() {
        return ProjectRoot.get().resolve("target").resolve("kernel");
    }

    static Path newRun() throws IOException {
        return KernelWorkspace.newRun(base());
    }

    /** Unmounts and detaches {@code fs}, then removes the run's directory, also when the unmount fails. */
    static void release(LoopFilesystem fs, Path run) throws IOException {
        try {
            if (fs != null) {
                fs.close();
            }
        } finally {
            if (run != null) {
                KernelWorkspace.removeRun(run);
            }
        }
    }
}
