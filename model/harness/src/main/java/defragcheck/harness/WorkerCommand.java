package defragcheck.harness;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code defragcheck worker HOST [--port N] [--threads N]}: one TLC worker JVM ({@code tlc2.tool.distributed.TLCWorker})
 * for a server started elsewhere with {@code check --distributed --listen ADDRESS}: the way to check one model on
 * several machines. The server must be reachable first (a clear error otherwise; TLC's worker would retry forever).
 * The worker's RMI listener binds to the address this machine reaches the server from. It ends when the server
 * dismisses it; exit 0 then, 2 for bad input or an unreachable server.
 */
public final class WorkerCommand {
    static final String USAGE = "usage: worker HOST [--port N (" + DistributedTlc.DEFAULT_PORT + ")] [--threads N (cores)]"
            + " [--wait SECONDS (30)] (a TLC worker for `check --distributed --listen ADDRESS` on HOST)";

    private WorkerCommand() {}

    public static int run(String[] args) throws InterruptedException {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        String host = null;
        int port = DistributedTlc.DEFAULT_PORT;
        int threads = Runtime.getRuntime().availableProcessors();
        int wait = 30;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--help" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    case "--port" -> port = number(args, ++i, "--port", 1024, 65535);
                    case "--threads" -> threads = number(args, ++i, "--threads", 1, 256);
                    case "--wait" -> wait = number(args, ++i, "--wait", 0, 86_400);
                    default -> {
                        if (args[i].startsWith("-") || host != null) throw new IllegalArgumentException("unexpected " + args[i]);
                        host = args[i];
                    }
                }
            }
            if (host == null) throw new IllegalArgumentException("needs the HOST of the TLC server");
        } catch (IllegalArgumentException e) {
            err.println("worker: " + e.getMessage() + " (" + USAGE + ")");
            return 2;
        }
        InetAddress local;
        try {
            local = reach(host, port, wait);
        } catch (UnknownHostException e) {
            err.println("worker: unknown host " + host);
            return 2;
        } catch (IOException e) {
            err.println("worker: no TLC server at " + host + ":" + port + " within " + wait + " s (" + e.getMessage()
                    + "); start one there with `check --distributed --listen ADDRESS MODEL`");
            return 2;
        }
        Path tmp;
        try {
            Files.createDirectories(TlcRunner.WORK);
            tmp = Files.createTempDirectory(TlcRunner.WORK, Leftovers.owned("worker"));
        } catch (IOException e) {
            err.println("worker: cannot create a working folder under " + ProjectRoot.display(TlcRunner.WORK) + ": " + e.getMessage());
            return 2;
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseParallelGC", "-Djava.io.tmpdir=" + tmp,
                "-Djava.rmi.server.hostname=" + local.getHostAddress(),
                "-D" + BoundRmiMain.BIND + "=" + local.getHostAddress(),
                "-Dtlc2.tool.distributed.TLCServer.port=" + port,
                "-Dtlc2.tool.distributed.TLCWorker.threadCount=" + threads,
                "-DTLA-Library=" + ProjectRoot.get().resolve("spec"),
                "-cp", StockTlc.tlatoolsJar() + File.pathSeparator + StockTlc.codeLocation(BoundRmiMain.class),
                BoundRmiMain.class.getName(), "tlc2.tool.distributed.TLCWorker", host));
        out.printf("worker: TLCWorker with %d thread(s) for the server at %s:%d, listening on %s%n", threads, host, port,
                local.getHostAddress());
        try (OwnedProcesses children = new OwnedProcesses()) {
            Process p = children.start(new ProcessBuilder(cmd).directory(ProjectRoot.get().toFile()).inheritIO());
            return p.waitFor() == 0 ? 0 : 1;
        } catch (IOException e) {
            err.println("worker: cannot start a JVM: " + e.getMessage());
            return 2;
        } finally {
            Leftovers.deleteTree(tmp);
        }
    }

    /**
     * The address of this machine that reaches the server's registry at {@code host:port}, trying for up to {@code
     * wait} seconds (a server parses its spec before it listens).
     */
    private static InetAddress reach(String host, int port, int wait) throws IOException, InterruptedException {
        InetAddress server = InetAddress.getByName(host);
        long end = System.nanoTime() + wait * 1_000_000_000L;
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(server, port), 3000);
                return probe.getLocalAddress();
            } catch (IOException e) {
                if (System.nanoTime() >= end) throw e;
                Thread.sleep(1000);
            }
        }
    }

    private static int number(String[] args, int i, String option, int min, int max) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
        try {
            int n = Integer.parseInt(args[i]);
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a whole number in " + min + ".." + max + ", got '" + args[i] + "'");
    }
}
