package defragcheck.kernel;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import defragcheck.bench.ExternalTool;

/**
 * Where kernel runs put their images and mounts: {@code BASE/run-PID-N/}, each run directory holding a marker
 * file that names its process. A killed JVM (kill -9, or a hang) can leave a mount and a loop device behind; the
 * next run removes what it can prove is a dead run's own: mounts below a marked directory whose process is gone,
 * and loop devices whose backing file is there. Nothing else is ever unmounted or detached.
 */
public final class KernelWorkspace {
    static final String MARKER = "defragcheck-kernel.owner";

    private KernelWorkspace() {}

    /** A fresh run directory below {@code base}, after cleaning up the leftovers of dead runs there. */
    public static Path newRun(Path base) throws IOException {
        Files.createDirectories(base);
        cleanLeftovers(base);
        long pid = ProcessHandle.current().pid();
        for (int n = 0;; n++) {
            Path dir = base.resolve("run-" + pid + "-" + n);
            if (!Files.exists(dir)) {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve(MARKER), Long.toString(pid));
                return dir;
            }
        }
    }

    /** Removes a finished run's directory (its filesystems must already be closed). */
    public static void removeRun(Path run) throws IOException {
        deleteTree(run);
    }

    /** What a dead run left: unmounts its mounts, detaches its loop devices, deletes its directory. Returns what it did. */
    public static List<String> cleanLeftovers(Path base) throws IOException {
        List<String> done = new ArrayList<>();
        if (!Files.isDirectory(base)) {
            return done;
        }
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(base, "run-*")) {
            for (Path run : runs) {
                Path marker = run.resolve(MARKER);
                if (!Files.exists(marker) || ownerAlive(marker)) {
                    continue;
                }
                String prefix = run.toAbsolutePath().normalize() + "/";
                for (String mnt : mountsBelow(prefix)) {
                    ExternalTool.run("umount", "--lazy", mnt);
                    done.add("unmounted " + mnt);
                }
                for (String loop : loopsBackedBelow(prefix)) {
                    ExternalTool.run("losetup", "-d", loop);
                    done.add("detached " + loop);
                }
                deleteTree(run);
                done.add("removed " + run);
            }
        }
        return done;
    }

    private static boolean ownerAlive(Path marker) throws IOException {
        try {
            long pid = Long.parseLong(Files.readString(marker).strip());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true; // not a marker we wrote: leave it alone
        }
    }

    /** Mount points below {@code prefix}, deepest first. */
    static List<String> mountsBelow(String prefix) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
            String mp = line.split(" ")[1];
            if (mp.startsWith(prefix)) {
                out.add(mp);
            }
        }
        out.sort(Comparator.comparing(String::length).reversed());
        return out;
    }

    /** Loop devices whose backing file lies below {@code prefix} (the kernel appends " (deleted)" once it is gone). */
    static List<String> loopsBackedBelow(String prefix) throws IOException {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> loops = Files.newDirectoryStream(Path.of("/sys/block"), "loop*")) {
            for (Path loop : loops) {
                Path backing = loop.resolve("loop/backing_file");
                if (Files.exists(backing) && Files.readString(backing).strip().startsWith(prefix)) {
                    out.add("/dev/" + loop.getFileName());
                }
            }
        }
        return out;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
