package defragcheck.conformance;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;


/**
 * {@code bench-conformance [--rounds N] [--walks N] [--models A,B]}: conformance throughput with real I/O.
 * Per model, after an untimed warm-up, and per round, interleaved: spec walks alone (FastTool, the baseline of
 * replay), spec walks replayed on the implementation over an O_DIRECT image with a state comparison after every
 * step, free concurrent runs of the implementation logging their events ({@link LoggedRun}, the baseline of
 * validation), and the same runs with their logs validated by TLC ({@link TraceCheck}). Reports the median steps
 * (events) per second of each and the ratios against their baselines.
 */
public final class ConformanceBenchmark {
    private static final int LENGTH = 20;
    /** A free run: blocks a file, writes, writer threads; one run per this many walks. */
    private static final int RUN_BLOCKS = 6;
    private static final int RUN_WRITES = 40;
    private static final int RUN_WRITERS = 3;
    private static final int WALKS_PER_RUN = 20;

    private ConformanceBenchmark() {}

    static final String USAGE = "usage: bench-conformance [--rounds N] [--walks N] [--models DecsNoDaxImpl,DecsDax,...]"
            + " (models whose declared result is success)";

    /** 0: measured; 1: a run did not conform or failed; 2: bad input. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (Arrays.asList(args).contains("--help")) {
            out.println(USAGE);
            return 0;
        }
        int rounds = 5;
        int walks = 100;
        List<String> models = List.of("DecsNoDaxImpl", "DecsDax", "LegacyNoDaxImpl");
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--rounds" -> rounds = positive(args, ++i);
                    case "--walks" -> walks = positive(args, ++i);
                    case "--models" -> models = Arrays.asList(value(args, ++i).split(","));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            for (String m : models) {
                Models.conforming(m);
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("bench-conformance: " + e.getMessage() + " (" + USAGE + ")");
            return 2;
        }
        try {
            out.printf("bench-conformance: %d rounds x %d behaviours of up to %d steps per model; %d cores, load %.2f%n",
                    rounds, walks, LENGTH, Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            out.printf("%-16s %14s %14s %7s %14s %14s %7s%n", "model", "spec walk/s", "replayed/s", "ratio",
                    "free run/s", "validated/s", "ratio");
            for (String m : models) {
                SpecModel spec = SpecModel.load(Models.named(m));
                ModelConstants c = ModelConstants.of(spec);
                Map<String, List<Double>> rates = new LinkedHashMap<>();
                int warmup = Math.max(1, walks / 4); // untimed: JIT-compile every path before the first measured round
                walkOnly(spec, -1, warmup);
                replay(spec, c, -1, warmup);
                logged(spec, c, -1, warmup, true);
                for (int r = 0; r < rounds; r++) {
                    spec = SpecModel.load(Models.named(m)); // the trace checks' TLC runs replace the loaded spec
                    long seed = 1000L * r;
                    rates.computeIfAbsent("walk", k -> new ArrayList<>()).add(walkOnly(spec, seed, walks));
                    rates.computeIfAbsent("replay", k -> new ArrayList<>()).add(replay(spec, c, seed, walks));
                    rates.computeIfAbsent("impl", k -> new ArrayList<>()).add(logged(spec, c, seed, walks, false));
                    rates.computeIfAbsent("validated", k -> new ArrayList<>()).add(logged(spec, c, seed, walks, true));
                }
                double walk = median(rates.get("walk"));
                double replay = median(rates.get("replay"));
                double impl = median(rates.get("impl"));
                double validated = median(rates.get("validated"));
                out.printf("%-16s %14.0f %14.0f %7.3f %14.0f %14.0f %7.3f%n", m, walk, replay, replay / walk, impl, validated,
                        validated / impl);
            }
            out.println("steps/s are medians over the rounds; a replayed step includes the implementation's real I/O, its"
                    + " abstraction to a TLC state and the comparison; a free run's step is one logged event (" + RUN_WRITERS
                    + " writers, " + RUN_WRITES + " writes, " + RUN_BLOCKS + " blocks a file), a validated one also TLC's search"
                    + " through the log.");
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("bench-conformance: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("")));
            return 1;
        }
    }

    private static double walkOnly(SpecModel spec, long seed, int walks) {
        long t0 = System.nanoTime();
        int steps = 0;
        for (int w = 0; w < walks; w++) {
            steps += spec.walk(seed + w, LENGTH).size();
        }
        return steps / ((System.nanoTime() - t0) / 1e9);
    }

    private static double replay(SpecModel spec, ModelConstants c, long seed, int walks) throws IOException {
        long t0 = System.nanoTime();
        int steps = 0;
        for (int w = 0; w < walks; w++) {
            List<SpecModel.Step> walk = spec.walk(seed + w, LENGTH);
            try (ImplRig rig = ImplRig.create(c, Models.imageDir(), Set.of())) {
                Replayer.Result r = Replayer.replay(spec, walk, rig);
                if (!r.conforms()) {
                    throw new IllegalStateException(spec.model().name() + ": " + r.mismatch());
                }
                steps += r.steps();
            }
        }
        return steps / ((System.nanoTime() - t0) / 1e9);
    }

    private static double logged(SpecModel spec, ModelConstants c, long seed, int walks, boolean validate) throws IOException {
        ModelConstants bounds = c.withBounds(RUN_BLOCKS, RUN_WRITES);
        long t0 = System.nanoTime();
        int steps = 0;
        for (int w = 0; w < Math.max(1, walks / WALKS_PER_RUN); w++) {
            try (ImplRig rig = ImplRig.createUngated(bounds, Models.imageDir(), Set.of())) {
                EventLog log = LoggedRun.run(rig, seed + w, RUN_WRITERS, RUN_WRITES);
                if (validate) {
                    TraceCheck.Verdict v = TraceCheck.check(spec.model(), RUN_BLOCKS, log);
                    if (!v.conforms()) {
                        throw new IllegalStateException(spec.model().name() + ": " + v);
                    }
                }
                steps += log.entries().size();
            }
        }
        return steps / ((System.nanoTime() - t0) / 1e9);
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static int positive(String[] args, int i) {
        String v = value(args, i);
        try {
            int n = Integer.parseInt(v);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(args[i - 1] + " needs a positive integer, got '" + v + "'");
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
