package defragcheck.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import defragcheck.bench.ExternalTool;

/**
 * A defrag tool (e4defrag) running as a child process while a schedule goes on around it: whether it sleeps in the
 * kernel (state D, e.g. MOVE_EXT waiting for a held direct write), and its outcome once it exits. Killed and its
 * output files removed on close, whatever happened.
 */
final class ToolProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path out;
    private final Path err;

    private ToolProcess(String name, Process process, Path out, Path err) {
        this.name = name;
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static ToolProcess start(List<String> command) throws IOException {
        Path out = Files.createTempFile("defragcheck-tool", ".out");
        Path err = Files.createTempFile("defragcheck-tool", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            return new ToolProcess(command.get(0), p, out, err);
        } catch (IOException e) {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            throw e;
        }
    }

    /** Waits up to {@code millis} until one of the process's threads sleeps uninterruptibly; false if it exited first or never did. */
    boolean awaitBlocked(long millis) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (var tasks = Files.list(Path.of("/proc/" + process.pid() + "/task"))) {
                for (Path t : tasks.toList()) {
                    String stat = Files.readString(t.resolve("stat"));
                    if (stat.charAt(stat.lastIndexOf(')') + 2) == 'D') {
                        return true;
                    }
                }
            } catch (IOException e) {
                // the process exited between the listing and the read
            }
            KernelThread.sleep(1);
        }
        return false;
    }

    /** Waits up to {@code millis} until one of the process's threads sleeps in the kernel with {@code frame} on its stack (root: /proc/PID/task/TID/stack). */
    boolean awaitKernelFrame(String frame, long millis) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (var tasks = Files.list(Path.of("/proc/" + process.pid() + "/task"))) {
                for (Path t : tasks.toList()) {
                    if (Files.readString(t.resolve("stack")).contains(frame)) {
                        return true;
                    }
                }
            } catch (IOException e) {
                // the process exited between the listing and the read
            }
            KernelThread.sleep(1);
        }
        return false;
    }

    /** The outcome once the process exits (at most {@code millis}); an IOException if it is still running. */
    ExternalTool.Outcome await(long millis) throws IOException {
        try {
            if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
                throw new IOException(name + " still running after " + millis + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + name, e);
        }
        return new ExternalTool.Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        try {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
