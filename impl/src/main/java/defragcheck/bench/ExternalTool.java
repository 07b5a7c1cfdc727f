package defragcheck.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the system tools the ext4 leg needs (losetup, mkfs.ext4, mount, e4defrag, filefrag ...). */
public final class ExternalTool {
    private static final long TIMEOUT_MINUTES = 10;

    private ExternalTool() {}

    /** Result of a finished process. */
    public record Outcome(int exit, String out, String err) {}

    /** Runs the command; returns its outcome whatever the exit code. */
    public static Outcome call(List<String> command) throws IOException {
        try (Running r = start(command)) {
            return r.await(TimeUnit.MINUTES.toMillis(TIMEOUT_MINUTES));
        }
    }

    /** Starts the command, its input /dev/null, its output kept in temporary files until it is closed. */
    public static Running start(List<String> command) throws IOException {
        Path out = Files.createTempFile("defragcheck-tool", ".out");
        Path err = Files.createTempFile("defragcheck-tool", ".err");
        try {
            Process p = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            return new Running(command.get(0), p, out, err);
        } catch (IOException e) {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            throw e;
        }
    }

    /** A started tool: killed and its output files removed on close, whatever happened. */
    public static final class Running implements AutoCloseable {
        private final String name;
        private final Process process;
        private final Path out;
        private final Path err;

        private Running(String name, Process process, Path out, Path err) {
            this.name = name;
            this.process = process;
            this.out = out;
            this.err = err;
        }

        public long pid() {
            return process.pid();
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        /** The outcome once the process exits (at most {@code millis}); an IOException if it is still running. */
        public Outcome await(long millis) throws IOException {
            try {
                if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
                    throw new IOException(name + " did not finish within " + millis + " ms");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + name, e);
            }
            return new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
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

    /** Runs the command and returns its standard output; a non-zero exit is an IOException naming the tool's first error line. */
    public static String run(String... command) throws IOException {
        Outcome o = call(List.of(command));
        if (o.exit() != 0) {
            String why = o.err().isBlank() ? o.out() : o.err();
            throw new IOException(String.join(" ", command) + " failed (exit " + o.exit() + "): " + firstLine(why));
        }
        return o.out();
    }

    /** Whether an executable of this name is on the PATH (or in the sbin directories root uses). */
    public static boolean onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
