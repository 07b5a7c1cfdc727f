package defragcheck.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Throughput on one model where JVM start-up is negligible, as paired ratios against a baseline measured in the same
 * run, in interleaved rounds (the order alternates per round) after one untimed warm-up: in process vs the stock
 * command line with the same number of TLC workers; TLC's distributed mode (server and two worker JVMs on this
 * machine) vs in process with two workers. Every run must give the same verdict and distinct-state count.
 */
final class ScaleBenchmark {
    private static final int WORKERS = 2;
    private final PrintStream out;

    ScaleBenchmark(PrintStream out) {
        this.out = out;
    }

    /**
     * In process (this JVM) vs {@code java tlc2.TLC} in a fresh JVM, both with {@value #WORKERS} workers. No warm-up
     * run: on a model this large JVM start-up and JIT warm-up are negligible, which is what is measured.
     */
    boolean inProcessVsStock(Model model, int rounds) throws IOException, InterruptedException {
        out.printf("%nIn process vs stock command line on %s, %d TLC workers each, %d interleaved rounds (no warm-up)%n",
                model.name(), WORKERS, rounds);
        CheckResult warm = null;
        boolean agreed = true;
        List<double[]> pairs = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            double in;
            double stock;
            long inDistinct;
            StockTlc.Run s;
            CheckResult r;
            if (round % 2 == 1) {
                r = TlcRunner.check(model, WORKERS);
                s = StockTlc.check(model, WORKERS);
            } else {
                s = StockTlc.check(model, WORKERS);
                r = TlcRunner.check(model, WORKERS);
            }
            if (warm == null) warm = r;
            in = r.seconds();
            inDistinct = r.distinct();
            stock = s.wallTime().toNanos() / 1e9;
            boolean same = s.distinct() == inDistinct && s.distinct() == warm.distinct() && s.verdict() == r.verdict();
            agreed &= same;
            pairs.add(new double[] {in, stock});
            out.printf("  round %d: in process %.1f s (%,.0f distinct/s), stock %.1f s (%,.0f distinct/s), ratio %.3f%s%n", round,
                    in, inDistinct / in, stock, s.distinct() / stock, stock / in, same ? "" : "  DISAGREE: stock "
                            + s.verdict().label() + ", " + s.distinct() + " distinct; in process " + inDistinct);
        }
        double ratio = ModelBenchmark.median(pairs.stream().mapToDouble(p -> p[1] / p[0]).toArray());
        out.printf("  in-process throughput / stock throughput (median of paired rounds): %.3f (%,d distinct states)%n",
                ratio, warm.distinct());
        return agreed;
    }

    /** TLC's distributed mode (a server and {@value #WORKERS} worker JVMs on loopback) vs in process with as many workers. */
    boolean distributedVsInProcess(Model model, int rounds) throws IOException, InterruptedException {
        out.printf("%nDistributed (TLCServer + %d TLCWorker JVMs, 1 thread each) vs in process (%d workers) on %s,"
                + " %d interleaved rounds after a warm-up%n", WORKERS, WORKERS, model.name(), rounds);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        CheckResult warm = TlcRunner.check(model, WORKERS);
        boolean agreed = true;
        List<double[]> pairs = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            DistributedTlc.Options o = new DistributedTlc.Options(WORKERS, 1, InetAddress.getLoopbackAddress(), freePort());
            CheckResult in;
            CheckResult dist;
            if (round % 2 == 1) {
                in = TlcRunner.check(model, WORKERS);
                dist = DistributedTlc.check(model, o, quiet);
            } else {
                dist = DistributedTlc.check(model, o, quiet);
                in = TlcRunner.check(model, WORKERS);
            }
            boolean same = dist.verdict() == in.verdict() && dist.distinct() == in.distinct() && in.distinct() == warm.distinct();
            agreed &= same;
            pairs.add(new double[] {in.seconds(), dist.seconds()});
            out.printf("  round %d: in process %.1f s, %,d distinct; distributed %.1f s, %,d distinct; ratio %.2f%s%n", round,
                    in.seconds(), in.distinct(), dist.seconds(), dist.distinct(), dist.seconds() / in.seconds(),
                    same ? "" : "  DISAGREE (" + Comparison.outcome(dist) + ")");
        }
        double ratio = ModelBenchmark.median(pairs.stream().mapToDouble(p -> p[1] / p[0]).toArray());
        out.printf("  distributed time / in-process time (median of paired rounds): %.2f; distinct states %s (%,d)%n", ratio,
                agreed ? "equal in every run" : "DIFFER", warm.distinct());
        return agreed;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
