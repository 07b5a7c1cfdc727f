package defragcheck.bench;

import defragcheck.impl.defrag.Protocol;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * {@code bench}: defrag throughput of a fragmented file, drain-evict-copy-swap and legacy, against
 * the O_DIRECT gather-copy ceiling of the same layout on the same image, against e4defrag on a
 * loop-mounted ext4 and against xfs_fsr on a loop-mounted XFS holding the same layout. Contenders are interleaved in every round; only
 * ratios within a round are compared (this VM's disk drifts 2-4x between runs).
 */
public final class DefragBenchmark {
    public static final Ratio DECS_OVER_GATHER = new Ratio("decs", GatherLeg.NAME);
    public static final Ratio DECS_OVER_E4DEFRAG = new Ratio("decs", ToolLeg.E4DEFRAG);
    public static final Ratio DECS_OVER_XFS_FSR = new Ratio("decs", ToolLeg.XFS_FSR);
    public static final Ratio E4DEFRAG_OVER_XFS_FSR = new Ratio(ToolLeg.E4DEFRAG, ToolLeg.XFS_FSR);
    public static final Ratio LEGACY_OVER_GATHER = new Ratio("legacy", GatherLeg.NAME);
    public static final double TARGET_OF_GATHER = 0.8;
    public static final double TARGET_OF_E4DEFRAG = 1.5;

    private DefragBenchmark() {}

    /** The figures of one run: the environment line and one table per layout. */
    public record Result(Environment environment, List<RoundTable> tables, boolean allSound) {}

    /** Entry point of {@code Main bench}: 0 if every defrag kept the data intact, 1 if not, 2 on bad input or I/O failure. */
    public static int main(String[] args, PrintStream out, PrintStream err) {
        if (List.of(args).contains("--help")) {
            out.println(BenchOptions.USAGE);
            return 0;
        }
        BenchOptions o;
        try {
            o = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("bench: " + e.getMessage());
            return 2;
        }
        if (!Files.isDirectory(o.dir())) {
            err.println("bench: --dir " + o.dir() + " is not a directory");
            return 2;
        }
        try {
            Result r = run(o, out);
            return r.allSound() ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            err.println("bench: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 2;
        }
    }

    /** Runs every layout, prints progress, the tables, the medians against the targets and the environment line. */
    public static Result run(BenchOptions o, PrintStream out) throws IOException {
        Path work = Files.createTempDirectory(o.dir(), "defragcheck-bench");
        work.toFile().deleteOnExit(); // also when stopped by a signal; the image inside is registered after, so goes first
        Environment env = new Environment(o);
        try (ImageBench image = ImageBench.create(work, o.bytes(), o.threads())) {
            List<Contender> contenders = new ArrayList<>(List.of(image.gather(),
                    image.defrag(Protocol.DECS), image.defrag(Protocol.LEGACY)));
            warmUp(contenders, o.chunks().get(0), out);
            env.put("warmup", "one untimed run of each JVM contender on the first layout");
            env.put("directIo", true).put("stagingBytes", DirectFile.MIB);
            List<ToolLeg> tools = new ArrayList<>();
            try {
                addTool(tools, contenders, env, out, ToolLeg.E4DEFRAG, o.e4defrag(), "--no-e4defrag", LoopFilesystem.Type.EXT4,
                        () -> ToolLeg.e4defrag(work.resolve("ext4"), o.bytes()));
                addTool(tools, contenders, env, out, ToolLeg.XFS_FSR, o.xfsFsr(), "--no-xfs-fsr", LoopFilesystem.Type.XFS,
                        () -> ToolLeg.xfsFsr(work.resolve("xfs"), o.bytes()));
                List<Ratio> ratios = List.of(DECS_OVER_GATHER, DECS_OVER_E4DEFRAG, DECS_OVER_XFS_FSR, E4DEFRAG_OVER_XFS_FSR, LEGACY_OVER_GATHER);
                List<RoundTable> tables = RoundRobin.run(contenders, o.chunks(), o.rounds(), (long) (o.minSeconds() * 1e9), ratios, out);
                boolean sound = report(tables, out);
                env.put("loadavgEnd", Environment.loadAverage());
                out.println(env.json());
                return new Result(env, tables, sound);
            } finally {
                for (ToolLeg t : tools) {
                    t.close();
                }
            }
        } finally {
            Files.deleteIfExists(work);
        }
    }

    private interface LegFactory {
        ToolLeg create() throws IOException;
    }

    /** Adds a kernel tool's leg, or says in the output and the environment line why it is skipped. */
    private static void addTool(List<ToolLeg> tools, List<Contender> contenders, Environment env, PrintStream out, String tool,
            boolean wanted, String option, LoopFilesystem.Type type, LegFactory factory) throws IOException {
        Optional<String> skip = wanted ? LoopFilesystem.unavailableReason(type) : Optional.of("disabled by " + option);
        if (skip.isPresent()) {
            env.put(tool, "skipped: " + skip.get());
            out.println(tool + " leg skipped: " + skip.get());
            return;
        }
        ToolLeg leg = factory.create();
        tools.add(leg);
        contenders.add(leg);
        env.put(tool, "cold, loop-mounted " + type.name().toLowerCase() + ", timed " + tool + " + fsync")
                .put(tool + "LoopDio", leg.loopDirectIo());
    }

    /** The JIT compiles the copy and metadata paths during the first runs; those must not count against the JVM contenders. */
    private static void warmUp(List<Contender> jvmContenders, int chunk, PrintStream out) throws IOException {
        for (Contender c : jvmContenders) {
            Measurement m = c.run(chunk, 0);
            if (!m.sound()) {
                throw new IOException("warm-up of " + c.name() + " did not defragment soundly: " + m.check());
            }
            out.printf(Locale.ROOT, "warm-up %s %s: %s (not counted)%n", BenchOptions.label(chunk), c.name(), m.check());
        }
    }

    /** Prints the tables and the verdict on the targets; returns whether every measurement was sound. */
    private static boolean report(List<RoundTable> tables, PrintStream out) {
        boolean sound = true;
        out.println();
        for (RoundTable t : tables) {
            out.print(t.render());
            out.println(verdict(t, DECS_OVER_GATHER, TARGET_OF_GATHER) + "; " + verdict(t, DECS_OVER_E4DEFRAG, TARGET_OF_E4DEFRAG)
                    + "; " + median(t, DECS_OVER_XFS_FSR) + "; " + median(t, E4DEFRAG_OVER_XFS_FSR));
            out.println();
            for (var round : t.rounds()) {
                sound &= round.values().stream().allMatch(Measurement::sound);
            }
        }
        if (!sound) {
            out.println("DATA CHECK FAILED: a contender lost or corrupted blocks, or did not defragment (BAD above)");
        }
        return sound;
    }

    /** A ratio without a target (the xfs_fsr peer: a different filesystem, reported for comparison). */
    private static String median(RoundTable t, Ratio r) {
        OptionalDouble m = t.median(r);
        return m.isEmpty() ? r.label() + " not measured" : String.format(Locale.ROOT, "%s median %.2f", r.label(), m.getAsDouble());
    }

    private static String verdict(RoundTable t, Ratio r, double target) {
        OptionalDouble m = t.median(r);
        if (m.isEmpty()) {
            return r.label() + " not measured";
        }
        return String.format(Locale.ROOT, "%s median %.2f (target >= %.1f: %s)", r.label(), m.getAsDouble(), target,
                m.getAsDouble() >= target ? "met" : "MISSED");
    }
}
