package defragcheck.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.sun.jna.Memory;

import defragcheck.bench.LoopFilesystem;
import defragcheck.conformance.SpecModel;
import defragcheck.kernel.sys.AlignedBuffer;
import defragcheck.kernel.sys.Errno;
import defragcheck.kernel.sys.Fd;
import defragcheck.kernel.sys.Fiemap;
import defragcheck.kernel.sys.LibC;
import defragcheck.kernel.sys.SysCallException;
import defragcheck.kernel.sys.XfsBulkstat;
import defragcheck.kernel.sys.XfsExchangeRange;
import defragcheck.kernel.sys.XfsSwapext;
import tlc2.tool.TLCState;
import tlc2.value.IValue;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;

/**
 * Behaviours of the XFS models (xfs_fsr + SWAPEXT, EXCHANGE_RANGE, START_COMMIT + COMMIT_RANGE) forced on the
 * kernel step by step: TLC's counterexample of a model, and random walks over TLC's successors restricted to what
 * {@link XfsForceable} can place. Mapped by action name and parameters:
 * <ul>
 * <li>BufferedWrite(orig, lb): buffered pwrite of write n's block; DioSubmit: an O_DIRECT pwrite from a
 * userfaultfd page, held at its data transfer ({@link HeldDirectWrite}); DioComplete: the page supplied, pwrite
 * returns; MmapFault: a write fault that stores back what it loaded; MmapStore: a CPU store into the shared
 * mapping; ReadFill: a buffered pread that must return the model's page; Writeback(k): sync_file_range of that
 * page; Stat: a stat(2) of the file (marks ctime queried);</li>
 * <li>Bulkstat: XFS_IOC_FSBULKSTAT_SINGLE (does not mark ctime queried); FsyncOrig, FsyncTemp: fsync;
 * StartCommit: XFS_IOC_START_COMMIT; CopyBlock: the block's O_DIRECT read from the target and O_DIRECT write into
 * the temp;</li>
 * <li>LockIo .. Unlock: one ioctl, issued at LockIo in its own thread: SWAPEXT with the bulkstat sample,
 * COMMIT_RANGE with START_COMMIT's request, or EXCHANGE_RANGE. At Unlock it must have returned: ok if the model
 * exchanged (Exchange, SwapForks), EBUSY if its CheckFresh refused.</li>
 * </ul>
 * The clock: each step that updates the target's ctime in the model ({@code Touch}) either moves it or, only while
 * ctime is not queried, keeps it (the same coarse tick). Before a step whose model ctime moves while unqueried the
 * rig sleeps past a coarse tick; around each such step a bulkstat (which queries nothing) observes whether the
 * kernel's mtime and ctime moved (the model's one value: xfs_swap_extents and the commit compare both). If they did
 * not do what the model's did, the schedule was not forced as drawn and is tried again on fresh files, up to the
 * given number of tries. After the behaviour every block is read buffered, O_DIRECT,
 * after drop_caches and after a remount and compared with the model's final state ({@link ModelReads}): a
 * counterexample must lose the same write in the same block.
 */
public final class XfsModelSchedules {
    static final long GRACE_MILLIS = 1_500;
    private static final long WAIT_MILLIS = 10_000;
    private static final int BLOCKS = 2;
    /** Longer than one jiffy at any HZ (>= 100): the coarse clock has ticked after it. */
    private static final long TICK_MILLIS = 25;
    private static final String ORIG = "orig";
    /** The environment steps that update the target's ctime (Environment.tla's Touch). */
    private static final java.util.Set<String> TOUCHING = java.util.Set.of("BufferedWrite", "DioSubmit", "MmapFault");

    /** Who runs the defrag's steps. */
    public enum Driver {
        /** The rig, step by step: bulkstat, fsync, the copy, START_COMMIT and the ioctl. */
        RIG,
        /** xfs_fsr on the target, started at the model's Bulkstat (XfsFsr models only). */
        XFS_FSR
    }

    private final LoopFilesystem fs;
    private final Driver driver;
    private int serial;

    /** {@code fs}: a mounted XFS with the exchange-range feature ({@link XfsFeatures#enableExchangeRange}). */
    public XfsModelSchedules(LoopFilesystem fs) {
        this(fs, Driver.RIG);
    }

    public XfsModelSchedules(LoopFilesystem fs, Driver driver) {
        this.fs = fs;
        this.driver = driver;
    }

    /** A forceable behaviour of {@code spec} ({@link ForceableWalk}) under {@link XfsForceable}. */
    public static List<SpecModel.Step> draw(SpecModel spec, long seed) {
        return draw(spec, seed, Driver.RIG);
    }

    /** The same for {@code driver} (xfs_fsr: {@link XfsForceable#allowsTool}). */
    public static List<SpecModel.Step> draw(SpecModel spec, long seed, Driver driver) {
        return ForceableWalk.draw(spec, seed, (walk, st) -> {
            List<String> names = walk.stream().map(SpecModel.Step::name).toList();
            return (driver == Driver.XFS_FSR ? XfsForceable.drawsTool(names, st.name()) : XfsForceable.allows(names, st.name()))
                    && !keepsUnqueriedCtime(st);
        });
    }

    /**
     * A write that keeps an unqueried ctime (the same coarse tick). The rig can make the kernel's clock tick (it
     * sleeps) but not stand still: the global multigrain floor moves with every fine-grained timestamp anyone
     * takes. Drawn walks leave such steps out; a TLC counterexample that needs one is tried again until the tick
     * holds.
     */
    private static boolean keepsUnqueriedCtime(SpecModel.Step st) {
        return TOUCHING.contains(st.name()) && !queried(st.from()) && ctime(st.from()).equals(ctime(st.state()));
    }

    /** Forces {@code walk} (seed 0: TLC's counterexample) on fresh files, again while the clock did not follow, at most {@code tries} times. */
    public ScheduleOutcome force(SpecModel spec, long seed, List<SpecModel.Step> walk, int tries) throws IOException {
        String model = spec.model().name() + (driver == Driver.XFS_FSR ? " on xfs_fsr" : "");
        List<String> labels = walk.stream().map(SpecModel.Step::label).toList();
        List<String> names = walk.stream().map(SpecModel.Step::name).toList();
        List<String> violated = new ArrayList<>();
        for (SpecModel.Step st : walk) {
            violated.addAll(spec.violatedInvariants(st.state()).stream().filter(v -> !violated.contains(v)).toList());
        }
        String verdict = violated.isEmpty() ? "data kept" : "violates " + String.join(", ", violated);
        TLCState last = walk.isEmpty() ? spec.init() : walk.get(walk.size() - 1).state();
        List<Long> expected = new ArrayList<>();
        for (int lb = 1; lb <= BLOCKS; lb++) {
            expected.add(ModelReads.durable(last, ORIG, lb));
        }
        if (!names.contains("Unlock")) {
            return new ScheduleOutcome(model, seed, labels, verdict, expected, "", List.of(), "the walk ended before the ioctl returned", null);
        }
        for (int i = 0; i < names.size(); i++) {
            List<String> before = names.subList(0, i);
            if (!(driver == Driver.XFS_FSR ? XfsForceable.allowsTool(before, names.get(i)) : XfsForceable.allows(before, names.get(i)))) {
                return new ScheduleOutcome(model, seed, labels, verdict, expected, "", List.of(), labels.get(i) + ": "
                        + (driver == Driver.XFS_FSR ? "xfs_fsr has no pause point there (it runs from its bulkstat to SWAPEXT's return)"
                                : "the kernel would block this step (XfsForceable)"), null);
            }
        }
        ScheduleOutcome out = null;
        for (int t = 1; t <= tries; t++) {
            try (Run r = new Run(model, seed, labels, verdict, expected)) {
                out = r.force(walk);
                if (out.forced()) {
                    return t == 1 ? out : out.withKernelNote("forced on try " + t);
                }
            }
        }
        return out;
    }

    /** One attempt on a fresh target (2 blocks of generation 0) and an unlinked, allocated temp, as xfs_fsr's. */
    private final class Run implements AutoCloseable {
        private final String model;
        private final long seed;
        private final List<String> labels;
        private final String verdict;
        private final List<Long> expected;
        private final TestFile file;
        private final Path tmpPath;
        private final long ino;
        private final AlignedBuffer buf = new AlignedBuffer(BlockContent.BLOCK);
        private final List<String> kernel = new ArrayList<>();
        private final List<String> disagreements = new ArrayList<>();
        private final List<String> done = new ArrayList<>();
        private Fd tmp;
        private HeldDirectWrite held;
        private int heldBlock;
        private long heldWrite;
        private byte[] sample;
        private Memory started;
        private KernelThread ioctl;
        private String ioctlName;
        private ToolProcess tool;

        Run(String model, long seed, List<String> labels, String verdict, List<Long> expected) throws IOException {
            this.model = model;
            this.seed = seed;
            this.labels = labels;
            this.verdict = verdict;
            this.expected = expected;
            int n = serial++;
            this.tmpPath = fs.mountPoint().resolve("tmp-" + n);
            // xfs_fsr skips a file in one extent: its blocks are kept apart (XFS may merge the rig's usual layout).
            this.file = driver == Driver.XFS_FSR ? TestFile.createApart(fs.mountPoint().resolve("target-" + n), BLOCKS)
                    : TestFile.create(fs.mountPoint().resolve("target-" + n), BLOCKS);
            try {
                // From /proc, not stat(2): a stat marks ctime queried, and the model starts unqueried.
                this.ino = file.buffered().inode();
                this.tmp = Donors.fallocated(tmpPath, file.bytes(), false, true);
                Files.delete(tmpPath);
                // The model's Init is the target's last timestamp change: make it now (mtime and ctime together,
                // the model's one value; no query), so a behaviour whose first write keeps the tick has the best chance.
                LibC.C.futimens(file.buffered().number(), null);
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }

        ScheduleOutcome force(List<SpecModel.Step> walk) throws IOException {
            for (SpecModel.Step st : walk) {
                String unforced;
                try {
                    unforced = apply(st);
                } catch (SysCallException e) {
                    // No model step fails: a refusal is a disagreement, and the schedule goes on.
                    disagreements.add(st.label() + ": kernel error " + Errno.name(e.errno()));
                    unforced = null;
                }
                if (unforced != null) {
                    return new ScheduleOutcome(model, seed, labels, verdict, expected, String.join("; ", kernel), List.of(),
                            st.label() + ": " + unforced, null);
                }
                done.add(st.name());
            }
            readAll();
            return new ScheduleOutcome(model, seed, labels, verdict, expected, String.join("; ", kernel),
                    List.copyOf(disagreements), null, Findings.matchXfs(model.split(" ")[0], disagreements));
        }

        /** Runs one step on the kernel; returns why it could not be forced as drawn, or null. */
        private String apply(SpecModel.Step st) throws IOException {
            String name = st.name();
            if (driver == Driver.XFS_FSR && XfsForceable.isToolStep(name)) {
                return toolStep(name);
            }
            if (XfsForceable.isIoctlStep(name)) {
                return ioctlStep(st, name);
            }
            switch (name) {
                case "BufferedWrite", "DioSubmit", "MmapFault" -> {
                    return touching(st, () -> userWrite(st, name));
                }
                case "DioComplete" -> release();
                case "MmapStore" -> file.mapping().store(TestFile.offset(block(st)), BlockContent.of(block(st), written(st)));
                case "ReadFill" -> {
                    long want = ModelReads.buffered(st.state(), ORIG, block(st) + 1);
                    BlockContent.Observed got = read(IoPath.BUFFERED, block(st));
                    if (!FinalReads.matches(got, want)) {
                        disagreements.add(st.label() + " read " + got + ", model gen " + want);
                    }
                }
                case "Writeback" -> file.buffered().writeBack(TestFile.offset(block(st)), BlockContent.BLOCK);
                case "Stat" -> Files.getAttribute(file.path(), "unix:ctime");
                case "Bulkstat" -> sample = XfsBulkstat.sample(file.buffered(), ino);
                case "FsyncOrig" -> file.buffered().fsync();
                case "FsyncTemp" -> tmp.fsync();
                case "StartCommit" -> started = XfsExchangeRange.startCommit(file.buffered(), tmp, 0, file.bytes());
                case "CopyBlock" -> copyBlock(cursor(st) - 1);
                default -> {
                    return "unmapped action " + name + " (no kernel operation is known for it)";
                }
            }
            return null;
        }

        private String userWrite(SpecModel.Step st, String name) throws IOException {
            int block = block(st);
            switch (name) {
                case "BufferedWrite" -> {
                    buf.put(BlockContent.of(block, written(st)), 0);
                    file.buffered().pwrite(buf.pointer(), BlockContent.BLOCK, TestFile.offset(block));
                }
                case "DioSubmit" -> {
                    held = HeldDirectWrite.submit(file.direct(), block);
                    if (held == null) {
                        return "the O_DIRECT write did not stop at its buffer";
                    }
                    heldBlock = block;
                    heldWrite = written(st);
                    kernel.add("O_DIRECT write " + written(st) + " held");
                }
                default -> file.mapping().touchForWrite(TestFile.offset(block));
            }
            return null;
        }

        /**
         * Runs a step that updates ctime in the model, making the kernel's coarse clock tick first if the model's
         * ctime moves while unqueried; null if the kernel's ctime did what the model's did, else why not.
         */
        private String touching(SpecModel.Step st, KernelStep step) throws IOException {
            boolean moves = !ctime(st.from()).equals(ctime(st.state()));
            if (moves && !queried(st.from())) {
                KernelThread.sleep(TICK_MILLIS);
            }
            byte[] before = kernelTimes();
            String why = step.run();
            if (why != null) {
                return why;
            }
            boolean moved = !Arrays.equals(before, kernelTimes());
            if (moved != moves) {
                return "the kernel's mtime/ctime " + (moved ? "moved (a new coarse tick)" : "stayed") + ", the model's "
                        + (moves ? "moved" : "stayed (the same coarse tick)");
            }
            return null;
        }

        /**
         * xfs_fsr: started at Bulkstat; with a direct write held, at LockIo it must be asleep in SWAPEXT (on the
         * write's IOLOCK) before the schedule goes on; at Unlock it has exited, and the target is in one extent iff
         * the model swapped (xfs_fsr exits 0 also when SWAPEXT says EBUSY).
         */
        private String toolStep(String name) throws IOException {
            switch (name) {
                case "Bulkstat" -> tool = ToolProcess.start(List.of("xfs_fsr", "-v", file.path().toString()));
                case "LockIo" -> {
                    if (held != null && !tool.awaitKernelFrame("xfs_swap_extents", WAIT_MILLIS)) {
                        return "xfs_fsr did not reach SWAPEXT while the direct write was held";
                    }
                }
                case "Unlock" -> {
                    if (held != null && tool.awaitKernelFrame("xfs_swap_extents", XfsModelSchedules.GRACE_MILLIS)) {
                        // The model's async writer has dropped IOLOCK; the held synchronous one has not (F2).
                        disagreements.add("SWAPEXT blocked while the direct write was held, until its release [in xfs_fsr's xfs_swap_extents]");
                        release();
                    }
                    defragcheck.bench.ExternalTool.Outcome o = tool.await(WAIT_MILLIS);
                    int extents = Fiemap.extents(file.buffered()).size();
                    boolean swapped = done.contains("SwapForks");
                    kernel.add("xfs_fsr exit " + o.exit() + ", " + extents + " extent" + (extents == 1 ? "" : "s"));
                    if (o.exit() != 0 || (extents == 1) != swapped) {
                        disagreements.add("xfs_fsr exit " + o.exit() + ", target in " + extents + " extents; model "
                                + (swapped ? "swapped" : "EBUSY"));
                    }
                }
                default -> {
                    // inside xfs_fsr
                }
            }
            return null;
        }

        /** LockIo issues the ioctl, Unlock collects it; the steps between run inside it. */
        private String ioctlStep(SpecModel.Step st, String name) throws IOException {
            if (name.equals("LockIo") && ioctl == null) {
                issueIoctl();
                if (held != null && !ioctl.awaitBlocked(GRACE_MILLIS)) {
                    // The held write keeps IOLOCK shared: the ioctl's IOLOCK exclusive must wait for it.
                    disagreements.add(ioctlName + " did not wait for IOLOCK while a synchronous direct write held it");
                }
            } else if (name.equals("Unlock")) {
                collectIoctl();
            }
            return null;
        }

        private void issueIoctl() {
            Fd target = file.buffered();
            if (sample != null) {
                ioctlName = "SWAPEXT";
                byte[] s = sample;
                ioctl = KernelThread.start("xfs-swapext", () -> {
                    XfsSwapext.swap(target, tmp, file.bytes(), s);
                    return "ok";
                });
            } else if (started != null) {
                ioctlName = "COMMIT_RANGE";
                Memory req = started;
                ioctl = KernelThread.start("xfs-commit-range", () -> {
                    XfsExchangeRange.commit(target, req);
                    return "ok";
                });
            } else {
                ioctlName = "EXCHANGE_RANGE";
                ioctl = KernelThread.start("xfs-exchange-range", () -> {
                    XfsExchangeRange.exchange(target, tmp, 0, file.bytes());
                    return "ok";
                });
            }
        }

        /**
         * The ioctl must have returned by the model's Unlock, with what the model did. One still asleep while a
         * direct write is held waits for that write's IOLOCK (the model's async writer has dropped it, finding F2):
         * recorded, the write released, the ioctl awaited.
         */
        private void collectIoctl() throws IOException {
            if (held != null && !ioctl.finished() && ioctl.awaitBlocked(GRACE_MILLIS)) {
                String where = String.join(" <- ", ioctl.kernelStack().stream()
                        .filter(f -> !f.matches("^(__schedule|schedule|schedule_preempt_disabled|rwsem_down.*|__down.*|down_.*|.*_slowpath)$"))
                        .limit(3).toList());
                disagreements.add(ioctlName + " blocked while the direct write was held, until its release"
                        + (where.isEmpty() ? "" : " [in " + where + "]"));
                release();
            }
            Object result;
            try {
                result = ioctl.join(WAIT_MILLIS);
            } catch (SysCallException e) {
                result = e.errno();
            }
            String got = result instanceof Integer errno ? Errno.name(errno) : "ok";
            String want = done.contains("Exchange") || done.contains("SwapForks") ? "ok" : "EBUSY";
            kernel.add(ioctlName + " " + got);
            if (!got.equals(want)) {
                disagreements.add(ioctlName + " returned " + got + ", model " + want);
            }
        }

        /** Supplies the held write's page; pwrite returns, the write is acknowledged. */
        private void release() throws IOException {
            if (held != null) {
                HeldDirectWrite h = held;
                held = null;
                h.complete(BlockContent.of(heldBlock, heldWrite));
                kernel.add("held write released");
            }
        }

        private void copyBlock(int block) throws IOException {
            int got = file.direct().pread(buf.pointer(), BlockContent.BLOCK, TestFile.offset(block));
            if (got != BlockContent.BLOCK) {
                throw new IOException("short O_DIRECT read of block " + block);
            }
            tmp.pwrite(buf.pointer(), BlockContent.BLOCK, TestFile.offset(block));
        }

        private byte[] kernelTimes() throws SysCallException {
            return Arrays.copyOfRange(XfsBulkstat.sample(file.buffered(), ino), XfsBulkstat.MTIME, XfsBulkstat.TIMES_END);
        }

        private BlockContent.Observed read(IoPath path, int block) throws IOException {
            return BlockContent.classify(path.read(file, block, buf), block);
        }

        /** Every block, every way, against the model's final state. */
        private void readAll() throws IOException {
            List<String> seen = new ArrayList<>();
            FinalReads.check(expected, this::read, () -> {
                file.close();
                tmp.close();
                tmp = null;
                fs.remount();
                file.open(false);
            }, disagreements, seen);
            kernel.add("reads " + String.join(", ", seen.stream().distinct().toList()));
        }

        /** Releases a held write, waits for an ioctl, closes and removes everything the attempt made. */
        @Override
        public void close() throws IOException {
            try {
                if (held != null) {
                    HeldDirectWrite h = held;
                    held = null;
                    h.abandon();
                }
                if (tool != null) {
                    tool.close();
                }
                if (ioctl != null && !ioctl.finished()) {
                    try {
                        ioctl.join(WAIT_MILLIS);
                    } catch (IOException e) {
                        // its failure was recorded, or the attempt is being abandoned
                    }
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

    @FunctionalInterface
    private interface KernelStep {
        String run() throws IOException;
    }

    private static int block(SpecModel.Step st) {
        if (st.name().equals("Writeback")) {
            return ((IntValue) ((TupleValue) st.param("k")).elems[1]).val - 1;
        }
        return ((IntValue) st.param("lb")).val - 1;
    }

    /** The number of the write a step issues: the model's {@code issued} after it. */
    private static long written(SpecModel.Step st) {
        return ((IntValue) st.state().lookup("issued")).val;
    }

    private static int cursor(SpecModel.Step st) {
        return ((IntValue) fcn(st.from().lookup("cursor")).select(IntValue.gen(1))).val;
    }

    private static Value ctime(TLCState s) {
        return fcn(s.lookup("ctime")).select(new StringValue(ORIG));
    }

    private static boolean queried(TLCState s) {
        return fcn(s.lookup("queried")).select(new StringValue(ORIG)).equals(BoolValue.ValTrue);
    }

    private static FcnRcdValue fcn(IValue v) {
        return (FcnRcdValue) ((Value) v).toFcnRcd();
    }
}
