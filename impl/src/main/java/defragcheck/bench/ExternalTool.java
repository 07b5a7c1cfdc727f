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
        Path out = Files.createTempFile("defragcheck-tool", ".out");
        Path err = Files.createTempFile("defragcheck-tool", ".err");
        try {
            Process p = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish within " + TIMEOUT_MINUTES + " min");
            }
            return new Outcome(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
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
