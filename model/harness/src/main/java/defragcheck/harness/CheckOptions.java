package defragcheck.harness;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@code check}, checked: a bad value is an IllegalArgumentException whose message is one line.
 *
 * @param deep        check the deep set (larger bounds) instead of the default set
 * @param workers     TLC worker threads in process, or worker JVMs with {@code --distributed}; null: the default
 *                    (1 in process, every core for {@code --deep} and {@code --distributed})
 * @param distributed check on TLC's distributed mode (server and worker JVMs)
 * @param listen      the address distributed TLC listens on (loopback unless given)
 * @param port        distributed TLC's RMI registry port
 * @param offHeap     TLC in a child JVM with its fingerprints off the heap, then on disk (OffHeapDiskFPSet), for
 *                    state spaces beyond the heap
 * @param report      where to write the reviewer's site ({@link defragcheck.harness.report.ReportSite}), or null
 */
record CheckOptions(Path root, boolean deep, Integer workers, boolean distributed, InetAddress listen, int port,
        boolean offHeap, Path report, List<String> names) {

    static final String USAGE = "usage: check [--root DIR] [--deep] [--workers N] [--disk]"
            + " [--distributed [--listen ADDRESS] [--port N]] [--report DIR] [MODEL...]"
            + " (default: every model of the default set of model/manifest.json and proofs/manifest.json;"
            + " --report writes a static site there: index.html with the verdicts, a sequence diagram and an ITF trace per"
            + " counterexample)";

    int workerCount() {
        if (workers != null) return workers;
        return deep || distributed ? Runtime.getRuntime().availableProcessors() : 1;
    }

    static CheckOptions parse(String[] args) {
        Path root = ProjectRoot.get();
        boolean deep = false;
        Integer workers = null;
        boolean distributed = false;
        InetAddress listen = null;
        Integer port = null;
        boolean offHeap = false;
        Path report = null;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--root" -> root = Path.of(value(args, ++i, a)).toAbsolutePath().normalize();
                case "--deep" -> deep = true;
                case "--workers" -> workers = number(value(args, ++i, a), a, 0, 256);
                case "--distributed" -> distributed = true;
                case "--listen" -> listen = localAddress(value(args, ++i, a));
                case "--port" -> port = number(value(args, ++i, a), a, 1024, 65535);
                case "--disk" -> offHeap = true;
                case "--report" -> report = reportDir(args, ++i);
                default -> {
                    if (a.startsWith("-")) throw new IllegalArgumentException("unknown option " + a);
                    names.add(a);
                }
            }
        }
        if ((listen != null || port != null) && !distributed) {
            throw new IllegalArgumentException("--listen and --port need --distributed");
        }
        if (distributed && offHeap) throw new IllegalArgumentException("--disk and --distributed exclude each other");
        if (workers != null && workers == 0 && !distributed) throw new IllegalArgumentException("--workers needs 1..256 in process");
        if (workers != null && workers == 0 && listen == null) {
            throw new IllegalArgumentException("--workers 0 (only workers from other machines) needs --listen ADDRESS");
        }
        return new CheckOptions(root, deep, workers, distributed,
                listen == null ? InetAddress.getLoopbackAddress() : listen, port == null ? DistributedTlc.DEFAULT_PORT : port,
                offHeap, report, List.copyOf(names));
    }

    /** The report's directory: given, and neither a file nor a symbolic link (nothing is written before the run). */
    private static Path reportDir(String[] args, int i) {
        if (i >= args.length || args[i].isEmpty() || args[i].startsWith("-")) {
            throw new IllegalArgumentException("--report needs a directory");
        }
        Path dir = Path.of(args[i]);
        String bad = defragcheck.harness.report.ReportSite.unusable(dir);
        if (bad != null) {
            throw new IllegalArgumentException("--report: " + bad);
        }
        return dir;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }

    private static int number(String v, String option, int min, int max) {
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a whole number in " + min + ".." + max + ", got '" + v + "'");
    }

    /** An address of this machine to listen on: a server cannot listen on another machine's address. */
    private static InetAddress localAddress(String v) {
        try {
            InetAddress a = InetAddress.getByName(v);
            if (a.isAnyLocalAddress()) {
                throw new IllegalArgumentException("--listen needs one address of this machine that workers can reach, not " + v);
            }
            if (!a.isLoopbackAddress() && NetworkInterface.getByInetAddress(a) == null) {
                throw new IllegalArgumentException("--listen " + v + ": not an address of this machine");
            }
            return a;
        } catch (UnknownHostException | SocketException e) {
            throw new IllegalArgumentException("--listen " + v + ": unknown host");
        }
    }
}
