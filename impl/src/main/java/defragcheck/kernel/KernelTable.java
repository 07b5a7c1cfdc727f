package defragcheck.kernel;

import java.util.List;
import java.util.stream.Collectors;

/** The text the `kernel` command prints: one row per free run and per forced schedule, details of what failed. */
public final class KernelTable {
    private KernelTable() {}

    public static String freeRunHeader() {
        return String.format("%-40s %-37s %-8s %6s %8s %8s %6s %7s %7s %6s %6s %5s %8s  %s", "protocol (free run)",
                "model verdict", "agree", "secs", "writes", "reads", "torn", "moves", "blocks", "EBUSY", "ESTALE", "viol", "checked",
                "fsck / crash");
    }

    public static String freeRunRow(FreeRun.Report r) {
        DefragStats s = r.defrag();
        int violations = r.violations().size() + r.crash().violations().size();
        String model = r.model() == null ? "no model yet" : r.model() + ": " + modelVerdict(r.model());
        String agree = r.model() == null ? "-" : r.agreement(losesWrites(r.model()));
        return String.format("%-40s %-37s %-8s %6.1f %8d %8d %6d %7d %7d %6d %6d %5d %8d  %s; crash %s: %s, after recovery %s",
                r.protocol(), model, agree, r.seconds(),
                r.writes(), r.reads(), r.torn(), s.moves.get(), s.blocksMoved.get(), s.refusals("EBUSY"), s.refusals("ESTALE"),
                violations, r.blocksChecked() + r.crash().blocksChecked(), r.fsckAfterRun(),
                r.crash().midDefrag() ? "mid-defrag" : "defrag not under way", "before replay " + r.crash().fsckBeforeJournalReplay(),
                r.crash().fsckAfterRecovery());
    }

    /** Whether {@code model} is declared to violate Integrity (it loses writes); any other violation is its own kind. */
    static boolean losesWrites(String model) {
        return defragcheck.conformance.Models.declaredViolation(model).map("Integrity"::equals).orElse(false);
    }

    private static String modelVerdict(String model) {
        return defragcheck.conformance.Models.declaredViolation(model).map(v -> "violates " + v).orElse("data kept");
    }

    /** Every violation (the first 20), refusals and errors of a run. */
    public static String freeRunDetail(FreeRun.Report r) {
        StringBuilder b = new StringBuilder(freeRunRow(r)).append('\n');
        b.append("  defrag: ").append(r.defrag()).append('\n');
        java.util.Map<String, Long> kinds = r.violations().stream().collect(Collectors.groupingBy(
                v -> v.olderMix() ? "MIX_OF_OLDER" : v.read().value().kind().name(), java.util.TreeMap::new, Collectors.counting()));
        b.append("  violations by what was read: ").append(kinds.toString()).append('\n');
        // The ones that are not merely an older value of the block first: they are the worse kind.
        r.violations().stream().sorted(java.util.Comparator.comparing(HistoryChecker.Violation::ownData))
                .limit(20).forEach(v -> b.append("  violation: ").append(v).append('\n'));
        if (r.violations().size() > 20) {
            b.append("  ... ").append(r.violations().size() - 20).append(" more violations\n");
        }
        r.crash().violations().stream().limit(20).forEach(v -> b.append("  after crash: ").append(v).append('\n'));
        r.errors().forEach(e -> b.append("  error: ").append(e).append('\n'));
        return b.toString();
    }

    public static String joinLines(List<String> lines) {
        return lines.stream().collect(Collectors.joining("\n"));
    }
}
