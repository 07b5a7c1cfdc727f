package defragcheck.harness;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A model checked by TLC's own distributed mode: a {@code tlc2.tool.distributed.TLCServer} JVM (the state queue, the
 * trace and the fingerprint set) and {@code TLCWorker} JVMs that compute successors and check invariants, over RMI.
 * The harness only starts TLC's programs and reads the server's verdict; TLC schedules the work. Safety only: TLC's
 * distributed mode checks no temporal properties.
 *
 * <p>Every listener binds to {@link Options#listen()} (loopback unless told otherwise, {@link BoundRmiMain}); every
 * JVM started here is gone when {@link #check} returns, in every outcome ({@link OwnedProcesses}).
 */
public final class DistributedTlc {
    /** TLC's default RMI registry port ({@code TLCServer.Port}). */
    public static final int DEFAULT_PORT = 10997;
    private static final String SERVER = "tlc2.tool.distributed.TLCServer";
    private static final String WORKER = "tlc2.tool.distributed.TLCWorker";
    private static final Pattern TEMPORAL = Pattern.compile("(?m)^\\s*(PROPERTY|PROPERTIES)\\b");

    /**
     * @param workers  worker JVMs started on this machine; 0 serves only workers that connect from elsewhere
     *                 ({@code defragcheck worker HOST})
     * @param threads  TLC worker threads in each of those JVMs
     * @param listen   the address the server listens on and tells workers to call
     * @param port     the RMI registry port
     */
    public record Options(int workers, int threads, InetAddress listen, int port) {}

    private DistributedTlc() {}

    /** Why TLC's distributed mode cannot check {@code model} (it has a temporal property), or null if it can. */
    public static String unsupported(Model model) {
        try {
            if (TEMPORAL.matcher(Files.readString(model.cfg())).find()) {
                return model.name() + " checks a temporal PROPERTY; TLC's distributed mode checks safety only (invariants)";
            }
            return null;
        } catch (IOException e) {
            return ProjectRoot.display(model.cfg()) + ": " + e.getMessage();
        }
    }

    /** Checks {@code model} on a server and {@code o.workers()} local worker JVMs; says where it serves on {@code log}. */
    public static CheckResult check(Model model, Options o, PrintStream log) throws IOException, InterruptedException {
        String why = unsupported(model);
        if (why != null) return ResultBuilder.error(model, why);
        Path work = TlcRunner.WORK.resolve("dist");
        Files.createDirectories(work);
        Leftovers.removeOrphans(work, "");
        Path run = work.resolve(Leftovers.name(model.name()));
        Path metadir = run.resolve("meta");
        Path tmp = run.resolve("tmp");  // TLC copies its standard modules into java.io.tmpdir: a private one per run
        Files.createDirectories(tmp);
        String address = o.listen().getHostAddress();
        long start = System.nanoTime();
        try (OwnedProcesses children = new OwnedProcesses()) {
            Path serverLog = run.resolve("server.log");
            List<String> server = java(model, o, tmp, "-Xmx2g");
            server.addAll(List.of(SERVER, "-fp", "0", "-fpmem", "0.1", "-metadir", metadir.toString(),
                    "-config", model.cfg().getFileName().toString(), model.module()));
            Process serverProcess = children.start(new ProcessBuilder(server).directory(model.tla().getParent().toFile())
                    .redirectErrorStream(true).redirectOutput(serverLog.toFile()));
            log.printf("distributed: TLCServer for %s listening on %s:%d, %d local TLCWorker JVM(s) x %d thread(s)%s%n",
                    model.name(), address, o.port(), o.workers(), o.threads(),
                    o.listen().isLoopbackAddress() ? "" : "; on other machines: java -jar target/defragcheck.jar worker "
                            + address + " --port " + o.port());
            for (int i = 0; i < o.workers(); i++) {
                List<String> worker = java(model, o, tmp, "-Xmx1g");
                worker.add(1, "-Dtlc2.tool.distributed.TLCWorker.threadCount=" + o.threads());
                worker.addAll(List.of(WORKER, address));
                children.start(new ProcessBuilder(worker).directory(model.tla().getParent().toFile()).redirectErrorStream(true)
                        .redirectOutput(run.resolve("worker-" + i + ".log").toFile()));
            }
            StringBuilder output = new StringBuilder(awaitServer(serverProcess, serverLog));
            for (int i = 0; i < o.workers(); i++) {
                Path workerLog = run.resolve("worker-" + i + ".log");
                output.append("\n--- worker ").append(i).append(" ---\n").append(Files.readString(workerLog));
            }
            return TlcOutput.result(model, output.toString(), Duration.ofNanos(System.nanoTime() - start));
        } finally {
            Leftovers.deleteTree(run);
        }
    }

    /** Waits until the server has printed its final message (it may linger on its RMI registry) or has exited. */
    private static String awaitServer(Process server, Path serverLog) throws IOException, InterruptedException {
        while (server.isAlive()) {
            if (Files.readString(serverLog).contains("Finished in")) {
                server.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
                break;
            }
            Thread.sleep(200);
        }
        return Files.readString(serverLog);
    }

    /** The JVM command line of a server or worker: TLC's main class through {@link BoundRmiMain}, in a fresh JVM. */
    private static List<String> java(Model model, Options o, Path tmp, String heap) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseParallelGC", heap,
                "-Djava.io.tmpdir=" + tmp,
                "-Djava.rmi.server.hostname=" + o.listen().getHostAddress(),
                "-D" + BoundRmiMain.BIND + "=" + o.listen().getHostAddress(),
                "-Dtlc2.tool.distributed.TLCServer.port=" + o.port(),
                "-Dtlc2.tool.distributed.TLCServer.report=2000"));  // the server polls for the end this often
        if (!model.library().isEmpty()) {
            cmd.add("-DTLA-Library=" + String.join(File.pathSeparator, model.library().stream().map(Path::toString).toList()));
        }
        cmd.addAll(List.of("-cp", StockTlc.tlatoolsJar() + File.pathSeparator + StockTlc.codeLocation(BoundRmiMain.class),
                BoundRmiMain.class.getName()));
        return cmd;
    }

}
