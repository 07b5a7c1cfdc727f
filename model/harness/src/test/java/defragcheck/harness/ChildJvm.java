package defragcheck.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code defragcheck.Main} in a child JVM on the tests' class path, for what only a separate process shows: exit
 * codes and what an interrupted or killed run leaves behind. The child is killed when the test is done with it.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final Path out;
    private final Path err;

    private ChildJvm(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code Main args} with the system properties {@code props} ("-Dname=value"). */
    public static ChildJvm start(List<String> props, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(props);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "defragcheck.Main"));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("child-jvm", ".out");
        Path err = Files.createTempFile("child-jvm", ".err");
        return new ChildJvm(new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start(), out, err);
    }

    public Process process() {
        return process;
    }

    /** Waits for the child to exit (at most {@code seconds}) and returns its exit status. */
    public int exit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("the child did not exit within " + seconds + " s");
        }
        return process.exitValue();
    }

    public String out() throws IOException {
        return Files.readString(out);
    }

    public String err() throws IOException {
        return Files.readString(err);
    }

    /** Polls until {@code condition} holds (true) or the child exits or {@code seconds} pass (false). */
    public boolean await(BooleanSupplier condition, long seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end && process.isAlive()) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroyForcibly().waitFor();
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
    }
}
