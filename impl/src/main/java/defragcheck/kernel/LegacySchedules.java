package defragcheck.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import defragcheck.bench.LoopFilesystem;
import defragcheck.conformance.ScheduleStep;
import defragcheck.conformance.SpecModel;
import defragcheck.kernel.sys.AlignedBuffer;
import defragcheck.kernel.sys.Errno;
import defragcheck.kernel.sys.Fd;
import defragcheck.kernel.sys.FileMapping;
import defragcheck.kernel.sys.LibC;
import defragcheck.kernel.sys.MoveExtent;
import defragcheck.kernel.sys.SysCallException;
import tlc2.tool.TLCState;

/**
 * Behaviours of the TLC model LegacyNoDaxImpl (origs only, buffered readers) forced on ext4's legacy EXT4_IOC_MOVE_EXT (kernel 6.18), step by step.
 * Each behaviour is a random walk over TLC's successors ({@link SpecModel#successors}) under {@link ForceablePolicy},
 * mapped by action name and parameters only:
 * <ul>
 * <li>BufferedWrite(orig, lb): buffered pwrite of write n's block; MmapFault: a write fault that stores back the
 * byte it loaded; MmapStore: a CPU store of write n's block into the shared mapping; ReadFill: a buffered pread,
 * whose value must be the last completed write ({@link PlainFile}, the model's Integrity); Writeback(orig, lb):
 * sync_file_range of that page;</li>
 * <li>DioSubmit: an O_DIRECT pwrite from a userfaultfd page ({@link HeldDirectWrite}); DioComplete: the page
 * supplied, the write returns;</li>
 * <li>LockInodes, DrainDio, MovePage, Unlock: inside MOVE_EXT. Page 1's ioctl is issued at the first LockInodes if
 * a direct write is held (it must then block: the scheduler sees it asleep in the kernel before the next step) and
 * returns once that write completes; otherwise at MovePage. Page 2's ioctl is issued at its MovePage.</li>
 * </ul>
 * An action the mapping does not know is an "unmapped" failure, never a guess. After the behaviour every block is
 * read buffered and O_DIRECT, after drop_caches and after a remount: each read must be the model's final value.
 */
public final class LegacySchedules {
    public static final String MODEL = "LegacyNoDaxImpl";
    private static final int BLOCKS = 2;
    private static final long WAIT_MILLIS = 10_000;

    /** How the defrag's steps reach the kernel. */
    public enum Mover {
        /** One EXT4_IOC_MOVE_EXT per page, issued by the rig. */
        MOVE_EXT_PER_PAGE,
        /** e4defrag on the whole file: one process, one MOVE_EXT over the file, from the first lock to the unlock. */
        E4DEFRAG
    }

    private final LoopFilesystem fs;
    private final Mover mover;
    private int serial;

    public LegacySchedules(LoopFilesystem fs) {
        this(fs, Mover.MOVE_EXT_PER_PAGE);
    }

    public LegacySchedules(LoopFilesystem fs, Mover mover) {
        this.fs = fs;
        this.mover = mover;
    }

    /** Draws {@code count} behaviours (seeds first .. first+count-1) from {@code spec} and forces each on the kernel. */
    public List<ScheduleOutcome> run(SpecModel spec, long firstSeed, int count) throws IOException {
        List<ScheduleOutcome> out = new ArrayList<>();
        for (long seed = firstSeed; seed < firstSeed + count; seed++) {
            out.add(force(spec, seed, draw(spec, seed, mover)));
        }
        return out;
    }

    /** A forceable behaviour of {@code spec} ({@link ForceableWalk}) under {@link ForceablePolicy}. */
    public static List<SpecModel.Step> draw(SpecModel spec, long seed) {
        return draw(spec, seed, Mover.MOVE_EXT_PER_PAGE);
    }

    /** A forceable behaviour for {@code mover}: with e4defrag the whole defrag is one ioctl ({@link ForceablePolicy#allowsWholeFile}). */
    public static List<SpecModel.Step> draw(SpecModel spec, long seed, Mover mover) {
        return ForceableWalk.draw(spec, seed, (walk, st) -> {
            List<ScheduleStep> steps = walk.stream().map(ScheduleStep::of).toList();
            return mover == Mover.E4DEFRAG ? ForceablePolicy.allowsWholeFile(steps, ScheduleStep.of(st))
                    : ForceablePolicy.allows(steps, ScheduleStep.of(st));
        });
    }

    /**
     * The behaviour of {@code spec} whose steps' labels start with {@code labels}, in order (e.g. "DioSubmit(\"orig\", 1)",
     * "DioComplete"): a schedule written by hand, still checked step by step against the spec.
     */
    public static List<SpecModel.Step> follow(SpecModel spec, List<String> labels) {
        List<SpecModel.Step> out = new ArrayList<>();
        TLCState s = spec.init();
        for (String want : labels) {
            SpecModel.Step next = spec.successors(s).stream().filter(st -> st.label().startsWith(want)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(spec.model().name() + ": no step " + want + " after " + out.size() + " steps"));
            out.add(next);
            s = next.state();
        }
        return out;
    }

    /** Forces one behaviour of the model on a fresh orig/donor pair. */
    public ScheduleOutcome force(SpecModel spec, long seed, List<SpecModel.Step> walk) throws IOException {
        List<String> labels = walk.stream().map(SpecModel.Step::label).toList();
        List<ScheduleStep> steps = walk.stream().map(ScheduleStep::of).toList();
        List<String> violated = new ArrayList<>();
        for (SpecModel.Step st : walk) {
            violated.addAll(spec.violatedInvariants(st.state()));
        }
        // The model passes (every invariant holds on the walk, Integrity among them): reads return the plain file.
        List<Long> expected = PlainFile.after(steps, BLOCKS);
        boolean done = steps.stream().anyMatch(x -> x.action().equals("Unlock"));
        String verdict = violated.isEmpty() ? "data kept" : "violates " + violated;
        if (!done) {
            return new ScheduleOutcome(spec.model().name(), seed, labels, verdict, expected, "", List.of(),
                    "the walk ended before the defrag was done", null);
        }
        try (Pair pair = Pair.create(fs.mountPoint(), serial++, mover)) {
            return pair.force(spec.model().name(), seed, walk, labels, verdict, expected, fs);
        }
    }

    /** One orig (two written blocks, generation 0) and its donor (two unwritten blocks over stale garbage). */
    private static final class Pair implements AutoCloseable {
        private final Path origPath;
        private final Path donorPath;
        private Fd buffered;
        private Fd direct;
        private Fd donor;
        private FileMapping mapping;
        private final Map<Integer, HeldDirectWrite> held = new HashMap<>();
        private final Map<Integer, Integer> heldBlock = new HashMap<>();
        private final AlignedBuffer buf = new AlignedBuffer(BlockContent.BLOCK);
        private final List<String> kernel = new ArrayList<>();
        private final List<String> disagreements = new ArrayList<>();
        private final Mover mover;
        private KernelThread page1;
        private ToolProcess e4defrag;
        private int issued;

        private Pair(Path origPath, Path donorPath, Mover mover) {
            this.origPath = origPath;
            this.donorPath = donorPath;
            this.mover = mover;
        }

        static Pair create(Path mnt, int serial, Mover mover) throws IOException {
            Pair p = new Pair(mnt.resolve("orig-" + serial), mnt.resolve("donor-" + serial), mover);
            try {
                TestFile.create(p.origPath, BLOCKS).close();
                Donors.sprayStaleBlocks(mnt.resolve("stale-" + serial), 4 * BLOCKS);
                Fd any = Fd.readWrite(p.origPath);
                any.fsync();
                defragcheck.kernel.sys.LibC.C.syncfs(any.number());
                any.close();
                p.donor = Donors.fallocated(p.donorPath, (long) BLOCKS * BlockContent.BLOCK, false, false);
                p.open();
                p.buffered.dropCleanPages();
                return p;
            } catch (IOException | RuntimeException e) {
                p.close();
                throw e;
            }
        }

        private void open() throws IOException {
            buffered = Fd.readWrite(origPath);
            direct = Fd.direct(origPath);
            mapping = FileMapping.shared(buffered, (long) BLOCKS * BlockContent.BLOCK);
        }

        ScheduleOutcome force(String model, long seed, List<SpecModel.Step> walk, List<String> labels, String verdict,
                List<Long> expected, LoopFilesystem fs) throws IOException {
            List<ScheduleStep> done = new ArrayList<>();
            for (SpecModel.Step st : walk) {
                String unforced;
                try {
                    unforced = apply(done, ScheduleStep.of(st), st.label());
                } catch (SysCallException e) {
                    // The model has no failing step: a refusal here is a disagreement, and the schedule goes on.
                    disagreements.add(st.label() + ": kernel error " + e.getMessage());
                    kernel.add(st.label() + " failed with " + Errno.name(e.errno()));
                    unforced = null;
                }
                done.add(ScheduleStep.of(st));
                if (unforced != null) {
                    return new ScheduleOutcome(model, seed, labels, verdict, expected, String.join("; ", kernel), List.of(),
                            st.label() + ": " + unforced, null);
                }
            }
            checkFinal(expected, fs);
            String finding = disagreements.isEmpty() ? null
                    : Findings.match(walk.stream().map(ScheduleStep::of).toList());
            return new ScheduleOutcome(model, seed, labels, verdict, expected, String.join("; ", kernel),
                    List.copyOf(disagreements), null, finding);
        }

        /** Runs step {@code s} (label {@code label}) after {@code before} on the kernel; returns why it could not be forced, or null. */
        private String apply(List<ScheduleStep> before, ScheduleStep s, String label) throws IOException {
            int block = s.lblock() - 1;
            switch (s.action()) {
                case "BufferedWrite" -> {
                    buf.put(BlockContent.of(block, ++issued), 0);
                    buffered.pwrite(buf.pointer(), BlockContent.BLOCK, TestFile.offset(block));
                }
                case "DioSubmit" -> {
                    int w = ++issued;
                    HeldDirectWrite h = HeldDirectWrite.submit(direct, block);
                    if (h == null) {
                        return "the O_DIRECT write did not stop at its buffer";
                    }
                    held.put(w, h);
                    heldBlock.put(w, block);
                }
                case "DioComplete" -> {
                    HeldDirectWrite h = held.remove(s.write());
                    h.complete(BlockContent.of(heldBlock.remove(s.write()), s.write()));
                }
                case "MmapFault" -> mapping.touchForWrite(TestFile.offset(block));
                case "MmapStore" -> mapping.store(TestFile.offset(block), BlockContent.of(block, ++issued));
                case "ReadFill" -> {
                    long want = PlainFile.after(before, BLOCKS).get(block);
                    BlockContent.Observed got = read(IoPath.BUFFERED, block);
                    if (!got.equals(BlockContent.Observed.value(want))) {
                        disagreements.add(label + " read " + got + ", model gen " + want);
                    }
                }
                case "Writeback" -> buffered.writeBack(TestFile.offset(block), BlockContent.BLOCK);
                case "LockInodes" -> {
                    if (mover == Mover.E4DEFRAG) {
                        return startE4defrag(before, s);
                    }
                    if (ForceablePolicy.firstLockWithHeldWrite(before, s)) {
                        page1 = KernelThread.start("move-ext-page-1", () -> MoveExtent.move(buffered, donor, 0, 0, 1));
                        if (!page1.awaitBlocked(WAIT_MILLIS)) {
                            if (page1.finished()) {
                                MoveExtent.Result r = (MoveExtent.Result) page1.join(WAIT_MILLIS);
                                disagreements.add("MOVE_EXT of page 1 returned (" + describe(r)
                                        + ") while a direct write was held: the model's DrainDio waits for it");
                                page1 = null;
                            } else {
                                return "MOVE_EXT of page 1 neither blocked nor returned";
                            }
                        } else {
                            kernel.add("MOVE_EXT(page 1) blocked behind the held DIO");
                        }
                    }
                }
                case "Unlock" -> {
                    if (mover == Mover.E4DEFRAG) {
                        awaitE4defrag();
                    }
                }
                case "DrainDio", "Terminated" -> {
                    // inside the ioctl, or nothing at all
                }
                case "MovePage" -> {
                    if (mover == Mover.E4DEFRAG) {
                        return null; // inside e4defrag's MOVE_EXT
                    }
                    int page = ForceablePolicy.movedPages(before) + 1;
                    MoveExtent.Result r;
                    if (page == 1 && page1 != null) {
                        r = (MoveExtent.Result) page1.join(WAIT_MILLIS);
                        page1 = null;
                    } else {
                        r = MoveExtent.move(buffered, donor, page - 1, page - 1, 1);
                    }
                    kernel.add("MOVE_EXT(page " + page + ") " + describe(r));
                }
                default -> {
                    return "unmapped action " + s.action() + " (no kernel operation is known for it)";
                }
            }
            return null;
        }

        /**
         * The defrag's first lock starts e4defrag on the orig. With a direct write held it must sleep in the kernel
         * (MOVE_EXT waits on i_rwsem, which the held write holds shared, then in inode_dio_wait) before the
         * schedule goes on; otherwise it runs through, and the steps up to the unlock are inside it.
         */
        private String startE4defrag(List<ScheduleStep> before, ScheduleStep s) throws IOException {
            if (e4defrag != null) {
                return null;
            }
            e4defrag = ToolProcess.start(List.of("e4defrag", "-v", origPath.toString()));
            if (!ForceablePolicy.dioInFlight(before).isEmpty()) {
                if (e4defrag.awaitBlocked(WAIT_MILLIS)) {
                    kernel.add("e4defrag blocked behind the held DIO");
                } else {
                    disagreements.add("e4defrag did not wait for the held direct write: the model's DrainDio waits for it");
                }
            }
            return null;
        }

        /**
         * The defrag's unlock: e4defrag has exited. A refusal (EBUSY from MOVE_EXT, as a per-page ioctl may say) is
         * not in the spec and is counted, not compared: the reads still must show every write.
         */
        private void awaitE4defrag() throws IOException {
            defragcheck.bench.ExternalTool.Outcome o = e4defrag.await(WAIT_MILLIS);
            boolean ok = o.exit() == 0 && o.out().contains("[ OK ]");
            String why = (o.err() + " " + o.out()).strip().replaceAll("\\s+", " ");
            kernel.add(ok ? "e4defrag moved the file" : "e4defrag refused (exit " + o.exit() + "): " + why);
        }

        private static String describe(MoveExtent.Result r) {
            return r.ok() ? "moved " + r.moved() : Errno.name(r.errno()) + ", moved " + r.moved();
        }

        private BlockContent.Observed read(IoPath path, int block) throws IOException {
            Fd fd = path == IoPath.DIRECT ? direct : buffered;
            int n = fd.pread(buf.pointer(), BlockContent.BLOCK, TestFile.offset(block));
            if (n != BlockContent.BLOCK) {
                throw new IOException("short read of block " + block);
            }
            return BlockContent.classify(buf.get(0, BlockContent.BLOCK), block);
        }

        /** Every block, every way, must read the model's final value. */
        private void checkFinal(List<Long> expected, LoopFilesystem fs) throws IOException {
            FinalReads.check(expected, this::read, () -> {
                closeFiles();
                fs.remount();
                open();
                donor = Fd.readWrite(donorPath);
            }, disagreements, new ArrayList<>());
        }

        private void closeFiles() throws IOException {
            if (mapping != null) {
                mapping.close();
            }
            for (Fd fd : new Fd[] {buffered, direct, donor}) {
                if (fd != null) {
                    fd.close();
                }
            }
            mapping = null;
            buffered = direct = donor = null;
        }

        @Override
        public void close() throws IOException {
            for (HeldDirectWrite h : held.values()) {
                h.abandon();
            }
            held.clear();
            if (page1 != null) {
                page1.join(WAIT_MILLIS);
            }
            if (e4defrag != null) {
                e4defrag.close();
            }
            closeFiles();
            Files.deleteIfExists(origPath);
            Files.deleteIfExists(donorPath);
        }
    }
}
