package defragcheck.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.sun.jna.Memory;

import defragcheck.bench.LoopFilesystem;
import defragcheck.kernel.sys.AlignedBuffer;
import defragcheck.kernel.sys.Errno;
import defragcheck.kernel.sys.Fd;
import defragcheck.kernel.sys.SysCallException;
import defragcheck.kernel.sys.XfsBulkstat;
import defragcheck.kernel.sys.XfsExchangeRange;
import defragcheck.kernel.sys.XfsSwapext;

/**
 * The XFS models' counterexamples (and one passing behaviour) forced on the kernel step by step, as each model
 * header tells it. The target has two blocks of generation 0; write 1 goes to block 1. A direct write is held at
 * its data transfer with {@link HeldDirectWrite}: a synchronous pwrite from another thread, so it keeps IOLOCK
 * shared while held (the models' writer is an async one that has dropped it). Every ioctl and copy runs in a
 * {@link KernelThread}: if it does not return within {@link #GRACE_MILLIS} it is recorded as blocked, the held
 * write is released, and the call is awaited. After each schedule block 1 and 2 are read buffered, O_DIRECT,
 * after drop_caches and after a remount, and compared with the model's final values.
 */
public final class XfsSchedules {
    static final long GRACE_MILLIS = 1_500;
    private static final long WAIT_MILLIS = 10_000;
    private static final int BLOCKS = 2;

    private final LoopFilesystem fs;
    private int serial;

    /** {@code fs}: a mounted XFS with the exchange-range feature ({@link XfsFeatures#enableExchangeRange}). */
    public XfsSchedules(LoopFilesystem fs) {
        this.fs = fs;
    }

    /** The forced schedules, in the table's order ({@code sameTickTries} tries of the timing-based one). */
    public List<ScheduleOutcome> all(int sameTickTries) throws IOException {
        return List.of(commitWithHeldDirectWrite(), swapextWithHeldDirectWrite(), commitWithBufferedWrite(),
                swapextWithSameTickBufferedWrite(sameTickTries));
    }

    /** XfsCommitNoDax: DioSubmit (held), START_COMMIT, O_DIRECT copy, DioComplete, COMMIT_RANGE. Model: write 1 lost. */
    public ScheduleOutcome commitWithHeldDirectWrite() throws IOException {
        List<String> steps = List.of("DioSubmit(target, 1) held", "StartCommit", "CopyBlock 1, 2 (O_DIRECT)",
                "DioComplete (acknowledged)", "CommitRange");
        try (Run r = new Run("XfsCommitNoDax", steps, "violates Integrity", List.of(0L, 0L))) {
            if (!r.submitHeld()) {
                return r.unforced("the O_DIRECT write did not stop at its buffer");
            }
            Memory started = (Memory) r.call("START_COMMIT", () -> XfsExchangeRange.startCommit(r.target(), r.tmp, 0, r.bytes()));
            r.call("copy", () -> copy(r));
            r.release();
            Object committed = r.call("COMMIT_RANGE", () -> {
                XfsExchangeRange.commit(r.target(), started);
                return "ok";
            });
            r.expectOk("COMMIT_RANGE", committed);
            return r.finish();
        }
    }

    /**
     * XfsFsrDirectTicking: DioSubmit (held), bulkstat, fsync target, O_DIRECT copy, fsync temp, SWAPEXT, DioComplete
     * after SWAPEXT returns. Model: SWAPEXT does not wait for the write; write 1 lost.
     */
    public ScheduleOutcome swapextWithHeldDirectWrite() throws IOException {
        List<String> steps = List.of("DioSubmit(target, 1) held", "Bulkstat", "FsyncOrig", "CopyBlock 1, 2 (O_DIRECT)",
                "FsyncTemp", "Swapext", "DioComplete (acknowledged)");
        try (Run r = new Run("XfsFsrDirectTicking", steps, "violates Integrity", List.of(0L, 0L))) {
            if (!r.submitHeld()) {
                return r.unforced("the O_DIRECT write did not stop at its buffer");
            }
            byte[] sample = (byte[]) r.call("bulkstat", () -> XfsBulkstat.sample(r.target(), r.file.path()));
            r.call("fsync target", () -> {
                r.target().fsync();
                return null;
            });
            r.call("copy + fsync temp", () -> copy(r));
            Object swapped = r.call("SWAPEXT", () -> {
                XfsSwapext.swap(r.target(), r.tmp, r.bytes(), sample);
                return "ok";
            });
            r.release();
            r.expectOk("SWAPEXT", swapped);
            return r.finish();
        }
    }

    /** XfsCommitNoDaxNoDio: START_COMMIT, O_DIRECT copy, BufferedWrite(target, 1), COMMIT_RANGE. Model: EBUSY, write kept. */
    public ScheduleOutcome commitWithBufferedWrite() throws IOException {
        List<String> steps = List.of("StartCommit", "CopyBlock 1, 2 (O_DIRECT)", "BufferedWrite(target, 1)", "CommitRange");
        try (Run r = new Run("XfsCommitNoDaxNoDio", steps, "data kept", List.of(1L, 0L))) {
            Memory started = (Memory) r.call("START_COMMIT", () -> XfsExchangeRange.startCommit(r.target(), r.tmp, 0, r.bytes()));
            r.call("copy", () -> copy(r));
            r.bufferedWrite(0, 1);
            Object committed = r.call("COMMIT_RANGE", () -> {
                XfsExchangeRange.commit(r.target(), started);
                return "ok";
            });
            if (!Integer.valueOf(Errno.EBUSY).equals(committed)) {
                r.disagreements.add("COMMIT_RANGE after a buffered write returned " + describe(committed) + ", model EBUSY");
            }
            return r.finish();
        }
    }

    /**
     * XfsFsrNoDax, timing-based: a buffered write to block 2 (the target's previous change), bulkstat, fsync target,
     * O_DIRECT copy, fsync temp, a buffered write to block 1, SWAPEXT. The model loses write 2 when that write keeps
     * the sampled ctime (same coarse tick, ctime not queried); otherwise SWAPEXT must say EBUSY and keep it. Each of
     * {@code tries} runs on a fresh target; the outcome counts how often the window was hit.
     */
    public ScheduleOutcome swapextWithSameTickBufferedWrite(int tries) throws IOException {
        List<String> steps = List.of("BufferedWrite(target, 2)", "Bulkstat", "FsyncOrig", "CopyBlock 1, 2 (O_DIRECT)",
                "FsyncTemp", "BufferedWrite(target, 1) same tick", "Swapext");
        int lost = 0;
        int refused = 0;
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < tries; i++) {
            try (Run r = new Run("XfsFsrNoDax", steps, "violates Integrity", List.of(0L, 1L))) {
                // The inode number first: a stat marks ctime queried, and the race needs an unqueried ctime.
                long ino = (Long) Files.getAttribute(r.file.path(), "unix:ino");
                r.bufferedWrite(1, 1);
                byte[] sample = XfsBulkstat.sample(r.target(), ino);
                r.target().fsync();
                copy(r);
                r.bufferedWrite(0, 2);
                Object swapped = r.call("SWAPEXT", () -> {
                    XfsSwapext.swap(r.target(), r.tmp, r.bytes(), sample);
                    return "ok";
                });
                BlockContent.Observed b1 = r.read(IoPath.BUFFERED, 0);
                FreeRun.dropCaches();
                BlockContent.Observed b1Cold = r.read(IoPath.DIRECT, 0);
                boolean kept = b1.equals(BlockContent.Observed.value(2)) && b1Cold.equals(BlockContent.Observed.value(2));
                boolean gone = b1.equals(BlockContent.Observed.value(0)) && b1Cold.equals(BlockContent.Observed.value(0));
                if ("ok".equals(swapped) && gone) {
                    lost++;
                } else if (Integer.valueOf(Errno.EBUSY).equals(swapped) && kept) {
                    refused++;
                } else {
                    disagreements.add("try " + i + ": SWAPEXT " + describe(swapped) + ", block 1 read " + b1 + " / O_DIRECT cold " + b1Cold);
                }
            }
        }
        String kernel = lost + " of " + tries + " SWAPEXT ok and write 2 lost (block 1 reads gen 0); " + refused + " EBUSY, write kept";
        if (lost == 0 && disagreements.isEmpty()) {
            return new ScheduleOutcome("XfsFsrNoDax", 0, steps, "violates Integrity", List.of(0L, 1L), kernel, List.of(),
                    "the same-tick window was never hit in " + tries + " tries (" + kernel + ")", null);
        }
        return new ScheduleOutcome("XfsFsrNoDax", 0, steps, "violates Integrity", List.of(0L, 1L), kernel, disagreements, null, null);
    }

    private static Object copy(Run r) throws IOException {
        Donors.directCopy(r.file, r.tmp);
        return null;
    }

    /** "ok", an errno's name, or what the call threw. */
    private static String describe(Object result) {
        return result instanceof Integer errno ? Errno.name(errno) : String.valueOf(result);
    }

    /** One schedule on a fresh target and an unlinked, allocated temp (as xfs_fsr's). */
    private final class Run implements AutoCloseable {
        final String model;
        final List<String> steps;
        final String verdict;
        final List<Long> expected;
        final TestFile file;
        final Path tmpPath;
        Fd tmp;
        HeldDirectWrite held;
        final AlignedBuffer buf = new AlignedBuffer(BlockContent.BLOCK);
        final List<String> kernel = new ArrayList<>();
        final List<String> disagreements = new ArrayList<>();

        Run(String model, List<String> steps, String verdict, List<Long> expected) throws IOException {
            this.model = model;
            this.steps = steps;
            this.verdict = verdict;
            this.expected = expected;
            int n = serial++;
            this.file = TestFile.create(fs.mountPoint().resolve("target-" + n), BLOCKS);
            this.tmpPath = fs.mountPoint().resolve("tmp-" + n);
            try {
                this.tmp = Donors.fallocated(tmpPath, bytes(), false, true);
                Files.delete(tmpPath);
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }

        Fd target() {
            return file.buffered();
        }

        long bytes() {
            return file.bytes();
        }

        boolean submitHeld() throws IOException {
            held = HeldDirectWrite.submit(file.direct(), 0);
            return held != null;
        }

        /** Supplies the held write's page (write 1 of block 1); pwrite returns: the write is acknowledged. */
        void release() throws IOException {
            if (held != null) {
                HeldDirectWrite h = held;
                held = null;
                h.complete(BlockContent.of(0, 1));
                kernel.add("held write released and acknowledged");
            }
        }

        void bufferedWrite(int block, long generation) throws IOException {
            buf.put(BlockContent.of(block, generation), 0);
            target().pwrite(buf.pointer(), BlockContent.BLOCK, TestFile.offset(block));
        }

        /**
         * Runs {@code call} in its own thread: its result, or the errno it failed with (an Integer). If it has not
         * returned after the grace period it is recorded as blocked (a disagreement: no model step waits there),
         * the held write is released, and the call is awaited.
         */
        Object call(String what, KernelThread.Call call) throws IOException {
            KernelThread t = KernelThread.start("xfs-" + what, call);
            long deadline = System.currentTimeMillis() + GRACE_MILLIS;
            while (!t.finished() && System.currentTimeMillis() < deadline) {
                KernelThread.sleep(5);
            }
            if (!t.finished()) {
                boolean d = t.awaitBlocked(100);
                // Where it sleeps, to tell a lock from a DIO wait: the first frames that are not the scheduler's.
                String where = String.join(" <- ", t.kernelStack().stream()
                        .filter(f -> !f.matches("^(__schedule|schedule|schedule_preempt_disabled|rwsem_down.*|__down.*|down_.*|.*_slowpath)$"))
                        .limit(3).toList());
                disagreements.add(what + " blocked" + (d ? " (state D)" : "") + " while the direct write was held, until its release"
                        + (where.isEmpty() ? "" : " [in " + where + "]"));
                kernel.add(what + " blocked until the held write was released");
                release();
            }
            try {
                Object r = t.join(WAIT_MILLIS);
                kernel.add(what + " " + (r == null ? "done" : r instanceof String ? r : "ok"));
                return r;
            } catch (SysCallException e) {
                kernel.add(what + " " + Errno.name(e.errno()));
                return e.errno();
            }
        }

        void expectOk(String what, Object result) {
            if (!"ok".equals(result)) {
                disagreements.add(what + " returned " + describe(result) + ", model: it succeeds");
            }
        }

        BlockContent.Observed read(IoPath path, int block) throws IOException {
            return BlockContent.classify(path.read(file, block, buf), block);
        }

        ScheduleOutcome unforced(String why) {
            return new ScheduleOutcome(model, 0, steps, verdict, expected, String.join("; ", kernel), List.of(), why, null);
        }

        /** Reads every block every way (buffered, O_DIRECT, after drop_caches, after a remount) against the model. */
        ScheduleOutcome finish() throws IOException {
            List<String> seen = new ArrayList<>();
            compareAll("buffered", IoPath.BUFFERED, seen);
            compareAll("O_DIRECT", IoPath.DIRECT, seen);
            FreeRun.dropCaches();
            compareAll("buffered after drop_caches", IoPath.BUFFERED, seen);
            file.close();
            tmp.close();
            tmp = null;
            fs.remount();
            file.open(false);
            compareAll("buffered after remount", IoPath.BUFFERED, seen);
            compareAll("O_DIRECT after remount", IoPath.DIRECT, seen);
            kernel.add("reads " + String.join(", ", seen.stream().distinct().toList()));
            String finding = Findings.matchXfs(model, disagreements);
            return new ScheduleOutcome(model, 0, steps, verdict, expected, String.join("; ", kernel),
                    List.copyOf(disagreements), null, finding);
        }

        private void compareAll(String how, IoPath path, List<String> seen) throws IOException {
            for (int b = 0; b < BLOCKS; b++) {
                BlockContent.Observed got = read(path, b);
                seen.add("block " + (b + 1) + " " + got);
                if (!got.equals(BlockContent.Observed.value(expected.get(b)))) {
                    disagreements.add("block " + (b + 1) + " " + how + ": kernel " + got + ", model gen " + expected.get(b));
                }
            }
        }

        /** Releases a held write, closes and removes everything the schedule made, whatever happened. */
        @Override
        public void close() throws IOException {
            try {
                if (held != null) {
                    HeldDirectWrite h = held;
                    held = null;
                    h.abandon();
                }
            } finally {
                try {
                    if (tmp != null) {
                        tmp.close();
                    }
                } finally {
                    file.close();
                    Files.deleteIfExists(tmpPath);
                    Files.deleteIfExists(file.path());
                }
            }
        }
    }
}
