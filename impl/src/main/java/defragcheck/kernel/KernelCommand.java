package defragcheck.kernel;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import defragcheck.bench.LoopFilesystem;
import defragcheck.conformance.Models;
import defragcheck.conformance.ScheduleStep;
import defragcheck.conformance.SpecModel;
import defragcheck.harness.CheckResult;
import defragcheck.harness.TlcRunner;
import defragcheck.harness.Verdict;

/**
 * {@code kernel}: drives the real kernel on loop-mounted ext4 and XFS images. A free-running workload per
 * protocol (writers, readers and a defrag loop, the history checked against the user-level guarantee, then
 * drop_caches, remount, a shutdown in the middle of a defrag, fsck), compared with the protocol's model; then
 * LegacyNoDax's behaviours forced step by step on MOVE_EXT and on e4defrag, and each XFS model's TLC
 * counterexample and behaviours drawn from it forced on SWAPEXT, EXCHANGE_RANGE and COMMIT_RANGE. Prints one
 * table per part. Exit 0: the kernel did what the models say everywhere (where a model loses writes, the kernel
 * may lose them too); 1: a disagreement (a known finding included); 2: bad input (options, not root, no loop
 * device, a missing tool, a work directory on a filesystem that cannot back a loop device).
 */
public final class KernelCommand {
    private static final String USAGE = "usage: kernel [--soak SECONDS] [--schedules N] [--only ext4|xfs] [--dir PATH (target/kernel)]";
    private static final long DEFAULT_SECONDS = 5;
    /** The XFS models forced on the kernel: each protocol's page-cache models, with and without direct writers. */
    private static final List<String> XFS_MODELS = List.of("XfsExchangeNoDax", "XfsCommitNoDax", "XfsCommitNoDaxNoDio",
            "XfsFsrNoDax", "XfsFsrDirectTicking");
    /** Attempts at a counterexample whose write must keep the coarse tick (timing), and at a drawn walk. */
    private static final int COUNTEREXAMPLE_TRIES = 30;
    private static final int WALK_TRIES = 5;
    private static final Set<String> LOOP_BACKING_FS = Set.of("ext4", "xfs", "btrfs", "f2fs", "ext3");

    private record Options(long seconds, int schedules, Optional<LoopFilesystem.Type> only, Path dir) {}

    private KernelCommand() {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("kernel: " + e.getMessage());
            return 2;
        }
        List<DefragProtocol> protocols = protocols(o.only());
        for (LoopFilesystem.Type t : protocols.stream().map(DefragProtocol::filesystem).distinct().toList()) {
            Optional<String> why = LoopFilesystem.unavailableReason(t);
            if (why.isPresent()) {
                err.println("kernel: cannot run " + t.name().toLowerCase() + " on a loop device here: " + why.get());
                return 2;
            }
        }
        Optional<String> badDir = unsuitableDir(o.dir());
        if (badDir.isPresent()) {
            err.println("kernel: " + badDir.get());
            return 2;
        }
        try {
            return runAll(o, protocols, out);
        } catch (IOException | RuntimeException e) {
            err.println("kernel: " + e.getMessage());
            return 1;
        }
    }

    private static Options parse(String[] args) {
        long seconds = DEFAULT_SECONDS;
        int schedules = 24;
        Optional<LoopFilesystem.Type> only = Optional.empty();
        Path dir = Path.of("target", "kernel");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!Set.of("--soak", "--schedules", "--only", "--dir").contains(a)) {
                throw new IllegalArgumentException("unknown option '" + a + "'; " + USAGE);
            }
            if (++i >= args.length) {
                throw new IllegalArgumentException(a + " needs a value; " + USAGE);
            }
            String v = args[i];
            switch (a) {
                case "--soak" -> seconds = positive(a, v);
                case "--schedules" -> schedules = (int) Math.min(positive(a, v), 10_000);
                case "--only" -> {
                    if (!v.equals("ext4") && !v.equals("xfs")) {
                        throw new IllegalArgumentException("--only takes ext4 or xfs, not '" + v + "'");
                    }
                    only = Optional.of(LoopFilesystem.Type.valueOf(v.toUpperCase()));
                }
                default -> dir = Path.of(v);
            }
        }
        return new Options(seconds, schedules, only, dir);
    }

    private static long positive(String option, String v) {
        try {
            long n = Long.parseLong(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException(option + " takes a positive whole number, not '" + v + "'");
    }

    /** The work directory must exist (or be creatable) on a disk filesystem a loop device can use with direct I/O. */
    static Optional<String> unsuitableDir(Path dir) {
        Path probe = dir.toAbsolutePath();
        while (probe != null && !Files.exists(probe)) {
            probe = probe.getParent();
        }
        if (probe == null || !Files.isDirectory(probe)) {
            return Optional.of("--dir " + dir + " is not a directory");
        }
        try {
            String type = Files.getFileStore(probe).type();
            if (!LOOP_BACKING_FS.contains(type)) {
                return Optional.of("--dir " + dir + " is on a " + type + " filesystem; images need a disk filesystem ("
                        + String.join(", ", LOOP_BACKING_FS.stream().sorted().toList()) + ")");
            }
        } catch (IOException e) {
            return Optional.of("--dir " + dir + ": " + e.getMessage());
        }
        return Optional.empty();
    }

    static List<DefragProtocol> protocols(Optional<LoopFilesystem.Type> only) {
        List<DefragProtocol> all = List.of(new Ext4MoveExt(), DefragTool.e4defrag(), new XfsSwapextCopy(), DefragTool.xfsFsr(),
                XfsExchange.exchangeRange(), XfsExchange.commitRange());
        return all.stream().filter(p -> only.map(t -> t == p.filesystem()).orElse(true)).toList();
    }

    private static int runAll(Options o, List<DefragProtocol> protocols, PrintStream out) throws IOException {
        Path run = KernelWorkspace.newRun(o.dir());
        boolean allOk = true;
        try {
            out.println("Free-running workloads, " + o.seconds() + " s each (kernel " + System.getProperty("os.version") + ")");
            out.println(KernelTable.freeRunHeader());
            for (DefragProtocol p : protocols) {
                FreeRun.Report r = FreeRun.run(p, run, new FreeRun.Options(1024, o.seconds() * 1000, 1));
                out.println(KernelTable.freeRunRow(r));
                boolean agrees = !r.agreement(KernelTable.losesWrites(r.model())).equals("NO");
                if (!agrees) {
                    out.print(KernelTable.freeRunDetail(r).lines().skip(1).limit(8).map(l -> l + "\n").reduce("", String::concat));
                }
                allOk &= agrees;
            }
            if (o.only().orElse(LoopFilesystem.Type.EXT4) == LoopFilesystem.Type.EXT4) {
                allOk &= schedules(o, run, out);
            }
            if (o.only().orElse(LoopFilesystem.Type.XFS) == LoopFilesystem.Type.XFS) {
                allOk &= xfsSchedules(o, run, out);
            }
            out.println(allOk ? "kernel: the kernel did what the models say" : "kernel: disagreements above");
            return allOk ? 0 : 1;
        } finally {
            KernelWorkspace.removeRun(run);
        }
    }

    /** SANY prints its parsing progress to System.out: not part of the table. */
    private static <T> T quietly(java.util.function.Supplier<T> load) {
        PrintStream saved = System.out;
        System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            return load.get();
        } finally {
            System.setOut(saved);
        }
    }

    /** LegacyNoDax's behaviours forced on MOVE_EXT (one ioctl per page, by the rig) and on e4defrag (one process). */
    private static boolean schedules(Options o, Path run, PrintStream out) throws IOException {
        boolean ok = true;
        try (LoopFilesystem fs = LoopFilesystem.create(LoopFilesystem.Type.EXT4, run.resolve("schedules"), 64L << 20)) {
            SpecModel spec = quietly(() -> SpecModel.load(Models.named(LegacySchedules.MODEL)));
            for (LegacySchedules.Mover mover : LegacySchedules.Mover.values()) {
                out.println();
                out.println("Forced schedules: " + LegacySchedules.MODEL + " (passes in TLC) on "
                        + (mover == LegacySchedules.Mover.E4DEFRAG ? "e4defrag (one MOVE_EXT over the file)"
                                : "ext4 EXT4_IOC_MOVE_EXT, one ioctl per page (6.18: legacy move_extent_per_page)"));
                out.println(ScheduleTable.header());
                List<ScheduleOutcome> outcomes = new ArrayList<>();
                LegacySchedules runner = new LegacySchedules(fs, mover);
                for (long seed = 1; seed <= o.schedules(); seed++) {
                    ScheduleOutcome so = runner.force(spec, seed, LegacySchedules.draw(spec, seed, mover));
                    outcomes.add(so);
                    out.println(ScheduleTable.row(so));
                    if (so.forced() && !so.agrees()) {
                        out.println("  schedule: " + so.schedule());
                    }
                }
                if (mover == LegacySchedules.Mover.MOVE_EXT_PER_PAGE) {
                    out.println(ScheduleTable.unforcedModel("LegacyDax", "violates NoExposure", "counterexample needs DAX: loop"
                            + " devices refuse dax=always, and MOVE_EXT refuses DAX inodes (EOPNOTSUPP) since 4.5"));
                }
                out.println(ScheduleTable.summary(outcomes, "schedules"));
                ok &= ScheduleTable.allForcedAgree(outcomes);
            }
        }
        return ok;
    }

    /**
     * Each XFS model's TLC counterexample, then {@code schedules} behaviours drawn from it, forced step by step
     * ({@link XfsModelSchedules}).
     */
    private static boolean xfsSchedules(Options o, Path run, PrintStream out) throws IOException {
        out.println();
        out.println("Forced schedules: the XFS models on SWAPEXT, EXCHANGE_RANGE and START_COMMIT/COMMIT_RANGE (the rig's steps) and on"
                + " xfs_fsr itself; seed 0 is TLC's counterexample (held O_DIRECT write = synchronous pwrite on a userfaultfd page)");
        out.println(ScheduleTable.header());
        List<ScheduleOutcome> outcomes = new ArrayList<>();
        try (LoopFilesystem fs = LoopFilesystem.create(LoopFilesystem.Type.XFS, run.resolve("xfs-schedules"), 320L << 20)) {
            XfsFeatures.enableExchangeRange(fs);
            for (String model : XFS_MODELS) {
                CheckResult checked = quietly(() -> TlcRunner.check(Models.named(model)));
                SpecModel spec = quietly(() -> SpecModel.load(Models.named(model)));
                List<ScheduleOutcome> mine = new ArrayList<>();
                // xfs_fsr's models are forced on the tool too, not only on the rig's SWAPEXT.
                List<XfsModelSchedules.Driver> drivers = model.startsWith("XfsFsr")
                        ? List.of(XfsModelSchedules.Driver.values()) : List.of(XfsModelSchedules.Driver.RIG);
                for (XfsModelSchedules.Driver driver : drivers) {
                    XfsModelSchedules runner = new XfsModelSchedules(fs, driver);
                    if (checked.verdict() == Verdict.SAFETY_FAILURE) {
                        mine.add(runner.force(spec, 0, ScheduleStep.behaviour(spec, checked.counterexample()), COUNTEREXAMPLE_TRIES));
                    }
                    for (long seed = 1; seed <= o.schedules(); seed++) {
                        mine.add(runner.force(spec, seed, XfsModelSchedules.draw(spec, seed, driver), WALK_TRIES));
                    }
                }
                for (ScheduleOutcome so : mine) {
                    out.println(ScheduleTable.row(so));
                    if (so.seed() == 0 || (so.forced() && !so.agrees())) {
                        out.println("  schedule: " + so.schedule());
                    }
                }
                outcomes.addAll(mine);
            }
        }
        out.println(ScheduleTable.unforcedModel("Xfs*Dax", "violates Integrity", "needs DAX: loop devices have none"));
        out.println(ScheduleTable.summary(outcomes, "XFS schedules"));
        return ScheduleTable.allForcedAgree(outcomes);
    }
}
