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
import defragcheck.conformance.SpecModel;

/**
 * {@code kernel}: drives the real kernel on loop-mounted ext4 and XFS images. A free-running workload per
 * protocol (writers, readers and a defrag loop, the history checked against the user-level guarantee, then
 * drop_caches, remount, a shutdown in the middle of a defrag, fsck), then LegacyNoDax's behaviours forced on
 * ext4's MOVE_EXT step by step, and the XFS models' counterexamples forced on COMMIT_RANGE and SWAPEXT. Prints
 * one table per part. Exit 0: every check held and kernel and model agreed; 1: a violation or a disagreement; 2: bad input (options, not root, no loop device, a missing tool, a work
 * directory on a filesystem that cannot back a loop device).
 */
public final class KernelCommand {
    private static final String USAGE = "usage: kernel [--soak SECONDS] [--schedules N] [--only ext4|xfs] [--dir PATH (target/kernel)]";
    private static final long DEFAULT_SECONDS = 5;
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
                if (!r.ok()) {
                    out.print(KernelTable.freeRunDetail(r).lines().skip(1).limit(8).map(l -> l + "\n").reduce("", String::concat));
                }
                allOk &= r.ok();
            }
            if (o.only().orElse(LoopFilesystem.Type.EXT4) == LoopFilesystem.Type.EXT4) {
                allOk &= schedules(o, run, out);
            }
            if (o.only().orElse(LoopFilesystem.Type.XFS) == LoopFilesystem.Type.XFS) {
                allOk &= xfsSchedules(run, out);
            }
            out.println(allOk ? "kernel: every check held" : "kernel: violations or disagreements above");
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

    private static boolean schedules(Options o, Path run, PrintStream out) throws IOException {
        out.println();
        out.println("Forced schedules: " + LegacySchedules.MODEL + " (passes in TLC) on ext4 EXT4_IOC_MOVE_EXT (6.18: legacy move_extent_per_page)");
        out.println(ScheduleTable.header());
        List<ScheduleOutcome> outcomes = new ArrayList<>();
        try (LoopFilesystem fs = LoopFilesystem.create(LoopFilesystem.Type.EXT4, run.resolve("schedules"), 64L << 20)) {
            SpecModel spec = quietly(() -> SpecModel.load(Models.named(LegacySchedules.MODEL)));
            LegacySchedules runner = new LegacySchedules(fs);
            for (long seed = 1; seed <= o.schedules(); seed++) {
                ScheduleOutcome so = runner.force(spec, seed, LegacySchedules.draw(spec, seed));
                outcomes.add(so);
                out.println(ScheduleTable.row(so));
                if (so.forced() && !so.agrees()) {
                    out.println("  schedule: " + so.schedule());
                }
            }
        }
        out.println(String.format("%-19s %5s %-28s %-9s %s", "LegacyDax", "-", "violates NoExposure", "unforced",
                "counterexample needs DAX: loop devices refuse dax=always, and MOVE_EXT refuses DAX inodes (EOPNOTSUPP) since 4.5"));
        long forced = outcomes.stream().filter(ScheduleOutcome::forced).count();
        long agree = outcomes.stream().filter(ScheduleOutcome::agrees).count();
        out.println(forced + " of " + outcomes.size() + " schedules forced, " + agree + " agree, " + (forced - agree) + " disagree"
                + (outcomes.stream().anyMatch(x -> x.finding() != null) ? "; known: " + Findings.F1 : ""));
        return forced == agree;
    }

    /** The XFS models' counterexamples (and XfsCommitNoDaxNoDio's refusal) forced step by step ({@link XfsSchedules}). */
    private static boolean xfsSchedules(Path run, PrintStream out) throws IOException {
        out.println();
        out.println("Forced schedules: XFS models' counterexamples on XFS_IOC_START_COMMIT/COMMIT_RANGE and XFS_IOC_SWAPEXT (held O_DIRECT write = synchronous pwrite on a userfaultfd page)");
        out.println(ScheduleTable.header());
        List<ScheduleOutcome> outcomes;
        try (LoopFilesystem fs = LoopFilesystem.create(LoopFilesystem.Type.XFS, run.resolve("xfs-schedules"), 320L << 20)) {
            XfsFeatures.enableExchangeRange(fs);
            outcomes = new XfsSchedules(fs).all(20);
        }
        for (ScheduleOutcome so : outcomes) {
            out.println(ScheduleTable.row(so));
            out.println("  schedule: " + so.schedule());
            if (so.finding() != null) {
                out.println("  known: " + so.finding());
            }
        }
        long forced = outcomes.stream().filter(ScheduleOutcome::forced).count();
        long agree = outcomes.stream().filter(ScheduleOutcome::agrees).count();
        out.println(forced + " of " + outcomes.size() + " XFS schedules forced, " + agree + " agree, " + (forced - agree) + " disagree");
        return forced == agree;
    }
}
