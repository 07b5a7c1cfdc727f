package defragcheck.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import defragcheck.impl.defrag.DefragOptions;
import defragcheck.impl.defrag.Protocol;
import defragcheck.impl.defrag.WholeFileDefrag;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.FragmentedFile;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.observe.Action;
import defragcheck.impl.observe.BlockPayload;
import defragcheck.conformance.WriteGhost;
import defragcheck.impl.observe.StepHook;

/**
 * {@code bench-concurrent}: what a defrag costs the filesystem's other users. In each round a fragmented file is laid
 * out, its gather-copy ceiling measured, and two phases run in alternating order: writers alone ("without") and the
 * same writers while DECS defragments the file ("during"), for the same length of time. Writers: buffered writers on
 * unrelated files (throughput) and one buffered writer on the defragmented file (per-write latency). Reported as
 * paired ratios within a round, medians over the rounds: unrelated throughput during/without (target >= 0.9),
 * same-file p99 latency during/without, DECS copyData bandwidth over the gather ceiling (target >= 0.9).
 */
public final class ConcurrentBench {
    public static final String USAGE = "usage: bench-concurrent [--size MIB] [--chunk KIB] [--rounds N] [--writers N] [--threads N] [--dir PATH]";
    private static final int BLOCK = 4096;
    private static final int UNRELATED_BLOCKS = 2048;
    private static final int WRITER = 1;
    private static final long FLUSH_INTERVAL_MILLIS = 20;

    private ConcurrentBench() {}

    record Options(long sizeMib, int chunkKib, int rounds, int writers, int threads, Path dir) {}

    /** One round's paired figures. */
    record Round(double unrelatedRatio, double p99Ratio, double copyOverGather, double unrelatedDuring, double unrelatedWithout,
            double p99DuringMicros, double p99WithoutMicros, double copyMibs, double gatherMibs, double gatherLoadedMibs, boolean intact) {
        /** The copy over a gather that ran with the same writers (both share the disk with the flusher). */
        double copyOverLoadedGather() {
            return copyMibs / gatherLoadedMibs;
        }
    }

    public static int main(String[] args, PrintStream out, PrintStream err) {
        if (List.of(args).contains("--help")) {
            out.println(USAGE);
            return 0;
        }
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("bench-concurrent: " + e.getMessage());
            return 2;
        }
        try {
            List<Round> rounds = run(o, out);
            return rounds.stream().allMatch(Round::intact) ? 0 : 1;
        } catch (IOException | RuntimeException | InterruptedException e) {
            err.println("bench-concurrent: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 2;
        }
    }

    static Options parse(String[] args) {
        long size = 64;
        int chunk = 64;
        int rounds = 7;
        int writers = 2;
        int threads = DefragOptions.DEFAULT_COPY_THREADS;
        Path dir = Path.of(".");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--size" -> size = positive(a, v);
                case "--chunk" -> chunk = (int) positive(a, v);
                case "--rounds" -> rounds = (int) positive(a, v);
                case "--writers" -> writers = (int) positive(a, v);
                case "--threads" -> threads = (int) positive(a, v);
                case "--dir" -> dir = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (chunk % 4 != 0) {
            throw new IllegalArgumentException("--chunk must be a multiple of 4 KiB");
        }
        return new Options(size, chunk, rounds, writers, threads, dir);
    }

    private static long positive(String name, String v) {
        try {
            long n = Long.parseLong(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw new IllegalArgumentException(name + " must be a positive integer, got " + v);
    }

    public static List<Round> run(Options o, PrintStream out) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory(o.dir(), "defragcheck-concurrent");
        Path image = work.resolve("concurrent.img");
        long fileBlocks = o.sizeMib() * 256;
        List<Round> rounds = new ArrayList<>();
        try (Filesystem fs = Filesystem.format(image, 5 * fileBlocks + (long) o.writers() * UNRELATED_BLOCKS + 16384);
                FileChannel raw = DirectFile.open(image, false)) {
            List<Inode> unrelated = new ArrayList<>();
            for (int w = 0; w < o.writers(); w++) {
                // written blocks (laid out in one transaction): the writers then only touch the page cache
                unrelated.add(FragmentedFile.create(fs, "unrelated-" + w, UNRELATED_BLOCKS, UNRELATED_BLOCKS, WRITER));
            }
            fs.writeback().startDaemon(FLUSH_INTERVAL_MILLIS);
            long phaseNanos = calibrate(fs, o, fileBlocks, out);
            Round warm = round(fs, raw, o, fileBlocks, unrelated, o.rounds(), phaseNanos);
            out.printf(Locale.ROOT, "warm-up round (not counted): unrelated %.2f, copy/gather %.2f%n", warm.unrelatedRatio(), warm.copyOverGather());
            for (int r = 0; r < o.rounds(); r++) {
                Round round = round(fs, raw, o, fileBlocks, unrelated, r, phaseNanos);
                rounds.add(round);
                out.printf(Locale.ROOT, "round %d: unrelated %.0f/%.0f writes/s (%.2f), same-file p99 %.0f/%.0f us (%.1fx), copy %.0f MiB/s, gather %.0f MiB/s alone (%.2f), %.0f MiB/s with the writers (%.2f)%s%n",
                        r + 1, round.unrelatedDuring(), round.unrelatedWithout(), round.unrelatedRatio(), round.p99DuringMicros(),
                        round.p99WithoutMicros(), round.p99Ratio(), round.copyMibs(), round.gatherMibs(), round.copyOverGather(),
                        round.gatherLoadedMibs(), round.copyOverLoadedGather(), round.intact() ? "" : "  DATA CHECK FAILED");
            }
            fs.writeback().stopDaemon();
        } finally {
            Files.deleteIfExists(image);
            Files.deleteIfExists(work);
        }
        out.printf(Locale.ROOT, "medians over %d rounds (%d MiB file, %d KiB fragments, %d unrelated writers, %d copy threads):%n",
                rounds.size(), o.sizeMib(), o.chunkKib(), o.writers(), o.threads());
        out.printf(Locale.ROOT, "  unrelated-file writer throughput during/without defrag: %.2f (target >= 0.9: %s)%n",
                median(rounds, Round::unrelatedRatio), median(rounds, Round::unrelatedRatio) >= 0.9 ? "met" : "MISSED");
        out.printf(Locale.ROOT, "  same-file writer p99 latency during/without defrag: %.1fx%n", median(rounds, Round::p99Ratio));
        out.printf(Locale.ROOT, "  DECS copy bandwidth (writers running) over the gather ceiling alone: %.2f (target >= 0.9: %s)%n",
                median(rounds, Round::copyOverGather), median(rounds, Round::copyOverGather) >= 0.9 ? "met" : "MISSED");
        out.printf(Locale.ROOT, "  DECS copy bandwidth over the gather ceiling with the same writers running: %.2f (target >= 0.9: %s)%n",
                median(rounds, Round::copyOverLoadedGather), median(rounds, Round::copyOverLoadedGather) >= 0.9 ? "met" : "MISSED");
        return rounds;
    }

    /** One untimed defrag (JIT warm-up) whose duration sets every phase's length. */
    private static long calibrate(Filesystem fs, Options o, long fileBlocks, PrintStream out) throws IOException {
        Inode f = FragmentedFile.create(fs, "calibration", fileBlocks, o.chunkKib() / 4, WRITER);
        long t0 = System.nanoTime();
        WholeFileDefrag.run(f, Protocol.DECS, DefragOptions.defaults().withCopyThreads(o.threads()));
        long nanos = Math.max(System.nanoTime() - t0, 200_000_000L);
        fs.names().delete(f);
        out.printf(Locale.ROOT, "warm-up defrag: %.0f ms; each phase runs that long (at least 200 ms)%n", nanos / 1e6);
        return nanos;
    }

    private static Round round(Filesystem fs, FileChannel raw, Options o, long fileBlocks, List<Inode> unrelated, int r,
            long phaseNanos) throws IOException, InterruptedException {
        Inode f = FragmentedFile.create(fs, "fragmented-" + r, fileBlocks, o.chunkKib() / 4, WRITER);
        StepHook outer = fs.hook();
        WriteGhost ghost = new WriteGhost(); // what f must read as after the round: its writers' last writes
        ghost.wroteAll(f, WRITER, 1);
        fs.setHook(StepHook.both(outer, ghost));
        try {
            List<Fragment> fragments = fs.space().extents(f).stream().map(e -> new Fragment(e.pblock() * BLOCK, e.length() * BLOCK)).toList();
            long dest = fs.transactions().read(() -> fs.space().allocator().findContiguous(fileBlocks));
            BlockCheck written = PayloadCheck.written(f.ino(), WRITER, 1);
            Measurement gather = GatherLeg.run(raw, fragments, dest * BLOCK, o.threads(), DirectFile.MIB, written);
            Measurement[] loaded = new Measurement[1];
            Phase gatherPhase = phase(fs, f, unrelated, 0, () -> loaded[0] = GatherLeg.run(raw, fragments, dest * BLOCK, o.threads(), DirectFile.MIB, written));
            Phase without;
            Phase during;
            Work defrag = () -> WholeFileDefrag.run(f, Protocol.DECS, DefragOptions.defaults().withCopyThreads(o.threads()));
            if (r % 2 == 0) {
                without = phase(fs, f, unrelated, phaseNanos, null);
                during = phase(fs, f, unrelated, phaseNanos, defrag);
            } else {
                during = phase(fs, f, unrelated, phaseNanos, defrag);
                without = phase(fs, f, unrelated, phaseNanos, null);
            }
            boolean intact = gather.check().intact() && loaded[0].check().intact() && gatherPhase.copyNanos() == 0
                    && ghost.verify(f).intact() && fs.space().extents(f).size() == 1;
            double copyMibs = fileBlocks * (double) BLOCK / DirectFile.MIB / (during.copyNanos / 1e9);
            return new Round(during.unrelatedPerSecond / without.unrelatedPerSecond, during.p99Micros / without.p99Micros,
                    copyMibs / gather.mibPerSecond(), during.unrelatedPerSecond, without.unrelatedPerSecond, during.p99Micros,
                    without.p99Micros, copyMibs, gather.mibPerSecond(), loaded[0].mibPerSecond(), intact);
        } finally {
            fs.setHook(outer);
            fs.names().delete(f);
        }
    }

    private record Phase(double unrelatedPerSecond, double p99Micros, long copyNanos) {}

    /** What a phase does while its writers run. */
    private interface Work {
        void run() throws IOException;
    }

    /**
     * Writers run for {@code nanos}; with {@code work} set (a DECS defrag of the file, a gather), it starts with them
     * and the phase lasts at least until it is done. Unrelated throughput counts the phase's writes over its length.
     */
    private static Phase phase(Filesystem fs, Inode same, List<Inode> unrelated, long nanos, Work work)
            throws IOException, InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong unrelatedWrites = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < unrelated.size(); w++) {
            Inode u = unrelated.get(w);
            int writer = 10 + w;
            threads.add(new Thread(() -> {
                long seq = System.nanoTime();
                try {
                    for (long lb = 0; !stop.get(); lb = (lb + 1) % UNRELATED_BLOCKS) {
                        fs.buffered().write("unrelated-" + writer, u, lb, BlockPayload.encode(u.ino(), lb, writer, ++seq));
                        unrelatedWrites.incrementAndGet();
                    }
                } catch (IOException | RuntimeException e) {
                    failures.add(e);
                }
            }, "unrelated-writer-" + w));
        }
        long[] lat = new long[1 << 20];
        latencies.add(lat);
        AtomicLong latCount = new AtomicLong();
        threads.add(new Thread(() -> {
            long seq = System.nanoTime();
            java.util.Random rnd = new java.util.Random(seq);
            try {
                while (!stop.get()) {
                    long lb = rnd.nextLong(same.sizeBlocks());
                    long t0 = System.nanoTime();
                    fs.buffered().write("same-file", same, lb, BlockPayload.encode(same.ino(), lb, 9, ++seq));
                    long n = latCount.getAndIncrement();
                    if (n < lat.length) {
                        lat[(int) n] = System.nanoTime() - t0;
                    }
                    Thread.sleep(0, 200_000); // a writer that also thinks: its latency, not its throughput, is measured
                }
            } catch (IOException | RuntimeException | InterruptedException e) {
                failures.add(e);
            }
        }, "same-file-writer"));
        CopyTimer timer = new CopyTimer();
        StepHook outer = fs.hook();
        fs.setHook(StepHook.both(outer, timer));
        long t0 = System.nanoTime();
        threads.forEach(Thread::start);
        try {
            if (work != null) {
                work.run();
            }
            long left = nanos - (System.nanoTime() - t0);
            if (left > 0) {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            }
        } finally {
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
            fs.setHook(outer);
        }
        long elapsed = System.nanoTime() - t0;
        if (!failures.isEmpty()) {
            throw new IOException("a writer failed: " + failures.get(0), failures.get(0));
        }
        int n = (int) Math.min(latCount.get(), lat.length);
        long[] sorted = Arrays.copyOf(lat, n);
        Arrays.sort(sorted);
        double p99 = n == 0 ? Double.NaN : sorted[Math.min(n - 1, (int) Math.ceil(0.99 * n) - 1)] / 1e3;
        return new Phase(unrelatedWrites.get() / (elapsed / 1e9), p99, timer.nanos());
    }

    /** Times the defrag's CopyData step (from its hook's before to its after). */
    private static final class CopyTimer implements StepHook {
        private volatile long start;
        private volatile long nanos;

        @Override
        public void before(Step step) {
            if (step.action() == Action.CopyData) {
                start = System.nanoTime();
            }
        }

        @Override
        public void after(Step step) {
            if (step.action() == Action.CopyData) {
                nanos = System.nanoTime() - start;
            }
        }

        long nanos() {
            return nanos;
        }
    }

    private static double median(List<Round> rounds, java.util.function.ToDoubleFunction<Round> f) {
        double[] v = rounds.stream().mapToDouble(f).sorted().toArray();
        return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
