package defragcheck.harness;

import java.io.PrintStream;
import java.util.List;

/** The result table of the {@code check} command, printed a row at a time as models finish. */
final class ResultTable {
    private final PrintStream out;
    private final String format;

    ResultTable(PrintStream out, List<DeclaredModel> models) {
        this.out = out;
        int name = Math.max(5, models.stream().mapToInt(d -> d.name().length()).max().orElse(5));
        int outcome = Math.max(28, models.stream().mapToInt(d -> d.expectation().length()).max().orElse(28));
        this.format = "%-" + name + "s  %-" + outcome + "s  %-" + outcome + "s  %10s  %6s  %8s  %s%n";
    }

    void header() {
        out.printf(format, "model", "expected", "verdict", "distinct", "depth", "seconds", "");
    }

    void row(Comparison c) {
        CheckResult r = c.result();
        out.printf(format, c.declared().name(), c.declared().expectation(), Comparison.outcome(r),
                r.distinct() < 0 ? "-" : String.format("%,d", r.distinct()),
                r.depth() < 0 ? "-" : String.valueOf(r.depth()),
                String.format("%.1f", r.seconds()),
                c.matches() ? "OK" : r.verdict() == Verdict.ERROR ? "ERROR" : "MISMATCH");
        out.flush();
    }
}
