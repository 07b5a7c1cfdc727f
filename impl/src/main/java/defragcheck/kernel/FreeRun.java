package defragcheck.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import defragcheck.bench.LoopFilesystem;
import defragcheck.kernel.sys.AlignedBuffer;
import defragcheck.kernel.sys.GoingDown;

/**
 * A free-running workload in the style of xfstests ext4/301-304 on a fresh loop filesystem: buffered, O_DIRECT
 * and mmap writers (each owning every third block) and buffered, O_DIRECT and mmap readers of one file race a
 * defrag loop of one protocol, every operation in a {@link History}. Afterwards, quiescent, every block is read
 * through each path, after drop_caches and after a remount; the filesystem checker runs; then a second phase
 * fsyncs, restarts writers and a defrag, shuts the filesystem down in the middle of the defrag (NOLOGFLUSH),
 * recovers by mounting, and checks that every block holds what fsync promised or a later write.
 */
public final class FreeRun {
    public record Options(int fileBlocks, long millis, long seed) {}

    /** Everything one run measured; {@code ok()} iff no read broke the guarantee and the checker found the fs clean. */
    public record Report(String protocol, String model, double seconds, long writes, long reads, int torn, DefragStats defrag,
            List<HistoryChecker.Violation> violations, long blocksChecked, String fsckAfterRun, boolean fsckAfterRunClean,
            CrashCheck crash, List<String> errors) {
        public boolean ok() {
            return violations.isEmpty() && fsckAfterRunClean && crash.ok() && errors.isEmpty();
        }

        /**
         * Whether the run is one the model allows. A model that keeps the data allows no violation. A model that
         * loses writes (Integrity) allows reads of an older write of the block, during the run or after the crash
         * (the loss is the protocol's, crash or not), which a run may or may not hit; never another file's data,
         * zeros or garbage (NoExposure), an unclean fsck, an error.
         */
        public String agreement(boolean modelLosesWrites) {
            if (!modelLosesWrites) {
                return ok() ? "yes" : "NO";
            }
            boolean consistent = fsckAfterRunClean && crash.fsckClean() && errors.isEmpty();
            if (!consistent || crash.exposed() > 0 || !violations.stream().allMatch(HistoryChecker.Violation::ownData)) {
                return "NO";
            }
            return violations.isEmpty() && crash.violations().isEmpty() ? "not hit" : "yes, hit";
        }
    }

    /**
     * The shutdown-in-the-middle-of-a-defrag phase: blocks checked after recovery, what was wrong ({@code exposed}
     * of them not the block's own data), the checker's verdicts.
     */
    public record CrashCheck(boolean midDefrag, long blocksChecked, List<String> violations, int exposed, String fsckBeforeJournalReplay,
            String fsckAfterRecovery, boolean fsckClean) {
        public boolean ok() {
            return violations.isEmpty() && fsckClean;
        }
    }

    private final DefragProtocol protocol;
    private final Options options;
    private final History history = new History();
    private final DefragStats stats = new DefragStats();
    private final List<String> errors = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicBoolean crashed = new AtomicBoolean();
    private final ConcurrentLinkedQueue<Throwable> threadFailures = new ConcurrentLinkedQueue<>();
    private static final long BUSY_MILLIS = 200;
    private static final long QUIET_MILLIS = 400;
    private volatile boolean inPass;
    private volatile boolean quiet;
    private long blocksChecked;

    private FreeRun(DefragProtocol protocol, Options options) {
        this.protocol = protocol;
        this.options = options;
    }

    /** Makes a loop filesystem in {@code runDir}, runs the workload and every check, removes the filesystem. */
    public static Report run(DefragProtocol protocol, Path runDir, Options options) throws IOException {
        return new FreeRun(protocol, options).run(runDir);
    }

    static long imageBytes(LoopFilesystem.Type type) {
        // mkfs.xfs 6.1 refuses filesystems below 300 MiB.
        return (type == LoopFilesystem.Type.XFS ? 512L : 192L) << 20;
    }

    private Report run(Path runDir) throws IOException {
        Path fsDir = runDir.resolve(protocol.filesystem().name().toLowerCase() + "-" + System.nanoTime());
        try (LoopFilesystem fs = LoopFilesystem.create(protocol.filesystem(), fsDir, imageBytes(protocol.filesystem()))) {
            if (fs.type() == LoopFilesystem.Type.XFS) {
                XfsFeatures.enableExchangeRange(fs);
            }
            Path mnt = fs.mountPoint();
            writeNeighbour(mnt.resolve("neighbour"));
            Donors.sprayStaleBlocks(mnt.resolve("stale"), 2 * options.fileBlocks());
            fs.sync();
            long t0 = System.nanoTime();
            TestFile file = TestFile.create(mnt.resolve("file"), options.fileBlocks());
            try {
                race(file, mnt, options.millis(), true);
                quiescentChecks(fs, file);
            } finally {
                file.close();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            HistoryChecker.Report checked = HistoryChecker.check(history);
            FsCheck.Result afterRun = FsCheck.check(fs);
            CrashCheck crash = crashMidDefrag(fs, file, mnt);
            threadFailures.forEach(t -> errors.add(t.toString()));
            return new Report(protocol.name(), protocol.model(), seconds, history.writes().size(), checked.reads(), checked.torn(), stats,
                    checked.violations(), blocksChecked, afterRun.toString(), afterRun.clean(), crash, errors);
        }
    }

    private static void writeNeighbour(Path path) throws IOException {
        AlignedBuffer buf = new AlignedBuffer(BlockContent.BLOCK);
        try (var fd = defragcheck.kernel.sys.Fd.open(path, defragcheck.kernel.sys.LibC.O_RDWR
                | defragcheck.kernel.sys.LibC.O_CREAT | defragcheck.kernel.sys.LibC.O_DIRECT)) {
            for (int b = 0; b < 64; b++) {
                buf.put(BlockContent.of(BlockContent.NEIGHBOUR, b, 0), 0);
                fd.pwrite(buf.pointer(), BlockContent.BLOCK, TestFile.offset(b));
            }
            fd.fsync();
        }
    }

    /** Writers, readers and the defrag loop for {@code millis}; with {@code mmap} false only buffered and O_DIRECT I/O. */
    private List<Thread> startRace(TestFile file, Path mnt, boolean mmap) {
        stop.set(false);
        List<Thread> threads = new ArrayList<>();
        IoPath[] writers = mmap ? IoPath.values() : new IoPath[] {IoPath.BUFFERED, IoPath.DIRECT};
        for (int i = 0; i < writers.length; i++) {
            IoPath kind = writers[i];
            int owner = i;
            int owners = writers.length;
            threads.add(start("writer-" + kind.label(), () -> write(file, kind, owner, owners)));
        }
        for (IoPath kind : writers) {
            threads.add(start("reader-" + kind.label(), () -> read(file, kind)));
        }
        threads.add(start("defrag", () -> defragLoop(file, mnt)));
        return threads;
    }

    /**
     * Runs the race for {@code millis}: writers busy for 200 ms, then quiet for 400 ms (readers and the defrag go
     * on). Without quiet spells the protocols with a freshness check (SWAPEXT, COMMIT_RANGE) would never swap.
     */
    private void race(TestFile file, Path mnt, long millis, boolean mmap) throws IOException {
        List<Thread> threads = startRace(file, mnt, mmap);
        long end = System.nanoTime() + millis * 1_000_000;
        try {
            while (System.nanoTime() < end) {
                KernelThread.sleep(Math.min(BUSY_MILLIS, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                quiet = true;
                KernelThread.sleep(QUIET_MILLIS);
                quiet = false;
            }
        } finally {
            quiet = false;
            stopAll(threads);
        }
    }

    private void stopAll(List<Thread> threads) throws IOException {
        stop.set(true);
        for (Thread t : threads) {
            try {
                t.join(600_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while stopping the workload", e);
            }
            if (t.isAlive()) {
                throw new IOException(t.getName() + " did not stop");
            }
        }
    }

    private Thread start(String name, IoLoop body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (IOException | RuntimeException e) {
                if (!crashed.get()) {
                    threadFailures.add(new IOException(Thread.currentThread().getName() + ": " + e.getMessage(), e));
                }
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private interface IoLoop {
        void run() throws IOException;
    }

    private void write(TestFile file, IoPath kind, int owner, int owners) throws IOException {
        Random rnd = new Random(options.seed() * 31 + owner);
        AlignedBuffer buf = new AlignedBuffer(BlockContent.BLOCK);
        int mine = (file.blocks() - owner + owners - 1) / owners;
        while (!stop.get()) {
            int block = owner + owners * rnd.nextInt(mine);
            long gen = history.nextGeneration();
            byte[] content = BlockContent.of(block, gen);
            while (quiet && !stop.get()) {
                Thread.onSpinWait();
            }
            long invoke = history.tick();
            try {
                kind.write(file, block, content, buf);
            } catch (IOException e) {
                // Never acknowledged, but it may have reached the blocks (a crash): in flight for ever.
                history.wrote(block, gen, invoke, Long.MAX_VALUE, kind.label());
                throw e;
            }
            history.wrote(block, gen, invoke, history.tick(), kind.label());
        }
    }

    private void read(TestFile file, IoPath kind) throws IOException {
        Random rnd = new Random(options.seed() * 17 + kind.ordinal());
        AlignedBuffer buf = new AlignedBuffer(BlockContent.BLOCK);
        while (!stop.get()) {
            int block = rnd.nextInt(file.blocks());
            long invoke = history.tick();
            byte[] data = kind.read(file, block, buf);
            history.read(block, data, invoke, history.tick(), kind.label());
        }
    }

    private void defragLoop(TestFile file, Path mnt) throws IOException {
        while (!stop.get()) {
            inPass = true;
            try {
                protocol.pass(file, mnt, stats);
            } finally {
                inPass = false;
            }
        }
    }

    /** With nothing in flight, every block read every way must be its last acknowledged write. */
    private void quiescentChecks(LoopFilesystem fs, TestFile file) throws IOException {
        for (IoPath p : IoPath.values()) {
            readAll(file, p, p.label());
        }
        dropCaches();
        readAll(file, IoPath.BUFFERED, "buffered after drop_caches");
        readAll(file, IoPath.DIRECT, "direct after drop_caches");
        file.close();
        fs.remount();
        file.open();
        readAll(file, IoPath.BUFFERED, "buffered after remount");
        readAll(file, IoPath.MMAP, "mmap after remount");
    }

    private void readAll(TestFile file, IoPath kind, String label) throws IOException {
        AlignedBuffer buf = new AlignedBuffer(BlockContent.BLOCK);
        for (int b = 0; b < file.blocks(); b++) {
            long invoke = history.tick();
            byte[] data = kind.read(file, b, buf);
            history.read(b, data, invoke, history.tick(), label);
        }
        blocksChecked += file.blocks();
    }

    static void dropCaches() throws IOException {
        Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3");
    }

    /**
     * fsync (the promise), then writers and a defrag again; the shutdown ioctl once the defrag is under way;
     * unmount, check, mount (journal recovery), and every block must hold the promised write or a later one.
     */
    private CrashCheck crashMidDefrag(LoopFilesystem fs, TestFile file, Path mnt) throws IOException {
        file.open(false);
        List<Thread> threads = startRace(file, mnt, false);
        KernelThread.sleep(200);
        long promise = history.tick();
        file.buffered().fsync();
        boolean mid = awaitDefragUnderWay();
        crashed.set(true);
        GoingDown.shutdownWithoutLogFlush(file.buffered());
        stopAll(threads);
        file.close();
        fs.unmount();
        FsCheck.Result before = FsCheck.checkUnmounted(fs);
        fs.mount();
        file.open(false);
        List<String> wrong = new ArrayList<>();
        int exposed = 0;
        Map<Integer, List<History.Write>> byBlock = new HashMap<>();
        for (History.Write w : history.writes()) {
            byBlock.computeIfAbsent(w.block(), b -> new ArrayList<>()).add(w);
        }
        byBlock.values().forEach(ws -> ws.sort(java.util.Comparator.comparingLong(History.Write::invoke)));
        AlignedBuffer buf = new AlignedBuffer(BlockContent.BLOCK);
        for (int b = 0; b < file.blocks(); b++) {
            List<Long> allowed = HistoryChecker.allowedAfterCrash(byBlock.getOrDefault(b, List.of()), promise);
            byte[] data = IoPath.BUFFERED.read(file, b, buf);
            BlockContent.Observed v = BlockContent.classify(data, b);
            boolean ok = v.kind() == BlockContent.Kind.VALUE && allowed.contains(v.generation());
            if (!ok && !(v.kind() == BlockContent.Kind.GARBAGE
                    && BlockContent.tornBetween(data, b, allowed.stream().mapToLong(Long::longValue).toArray()))) {
                wrong.add("block " + b + " after recovery: " + v + ", allowed gens " + allowed);
                exposed += v.kind() == BlockContent.Kind.VALUE ? 0 : 1;
            }
        }
        file.close();
        FsCheck.Result after = FsCheck.check(fs);
        crashed.set(false);
        // Before the mount the journal is not yet replayed: the read-only checker's complaint there is information only.
        return new CrashCheck(mid, file.blocks(), wrong, exposed, before.toString(), after.toString(), after.clean());
    }

    /** Waits (up to 10 s) until a defrag pass is running after one operation of this phase; false if it never was. */
    private boolean awaitDefragUnderWay() {
        long before = progress();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (inPass && progress() > before) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    private long progress() {
        return stats.passes.get() + stats.moves.get() + stats.blocksMoved.get()
                + stats.refusals().values().stream().mapToLong(Long::longValue).sum();
    }
}
