package defragcheck.harness;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A model checked for a state space beyond the heap: TLC's command line in a child JVM whose fingerprint set is
 * {@code OffHeapDiskFPSet} (a table outside the heap, then a sorted file on disk) and whose state queue pages to disk.
 * TLC sizes the off-heap table from the JVM's {@code -XX:MaxDirectMemorySize} only, which an in-process run cannot
 * set: hence the child. The harness chooses the sizes from the machine's memory ({@link #describe()} says them).
 */
final class DiskBackedTlc {
    private static final long PHYSICAL = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize();
    /** A quarter of the machine for the heap (the states being explored), an eighth off the heap for fingerprints. */
    static final long HEAP_MB = Math.max(1024, Math.min(PHYSICAL / 4, 32L << 30) >> 20);
    static final long OFF_HEAP_MB = Math.max(256, (PHYSICAL / 8) >> 20);

    private DiskBackedTlc() {}

    static String describe() {
        return String.format("TLC storage: a child JVM with heap max %,d MB; fingerprint set OffHeapDiskFPSet, %,d MB off the"
                + " heap (-XX:MaxDirectMemorySize), then a sorted file on disk; state queue DiskStateQueue, on disk beyond"
                + " its in-memory buffer; both under %s (of %,d MB physical memory)",
                HEAP_MB, OFF_HEAP_MB, ProjectRoot.display(TlcRunner.WORK.resolve("disk")), PHYSICAL >> 20);
    }

    static CheckResult check(Model model, int workers) throws IOException, InterruptedException {
        Path work = TlcRunner.WORK.resolve("disk");
        Files.createDirectories(work);
        Leftovers.removeOrphans(work, "");
        Path run = work.resolve(Leftovers.name(model.name()));
        Path tmp = run.resolve("tmp");
        Files.createDirectories(tmp);
        Path log = run.resolve("tlc.log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseParallelGC", "-Xmx" + HEAP_MB + "m", "-XX:MaxDirectMemorySize=" + OFF_HEAP_MB + "m",
                "-Dtlc2.tool.fp.FPSet.impl=tlc2.tool.fp.OffHeapDiskFPSet", "-Djava.io.tmpdir=" + tmp));
        if (!model.library().isEmpty()) {
            cmd.add("-DTLA-Library=" + String.join(File.pathSeparator, model.library().stream().map(Path::toString).toList()));
        }
        cmd.addAll(List.of("-cp", StockTlc.tlatoolsJar() + File.pathSeparator + StockTlc.codeLocation(LoopbackTlc.class),
                LoopbackTlc.class.getName(), "-fp", "0", "-workers", String.valueOf(workers), "-metadir", run.resolve("meta").toString(),
                "-config", model.cfg().getFileName().toString(), model.module()));
        long start = System.nanoTime();
        try (OwnedProcesses children = new OwnedProcesses()) {
            Process p = children.start(new ProcessBuilder(cmd).directory(model.tla().getParent().toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()));
            p.waitFor();
            return TlcOutput.result(model, Files.readString(log), Duration.ofNanos(System.nanoTime() - start));
        } finally {
            Leftovers.deleteTree(run);
        }
    }
}
