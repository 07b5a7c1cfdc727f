package defragcheck.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Whether a check gave what the manifest declares, and if not, every way in which it differs. */
public record Comparison(DeclaredModel declared, CheckResult result, List<String> disagreements) {
    public Comparison {
        disagreements = List.copyOf(disagreements);
    }

    public static Comparison of(DeclaredModel declared, CheckResult result) {
        List<String> out = new ArrayList<>();
        if (result.verdict() == Verdict.UNNAMED_VIOLATION) {
            // Distributed TLC prints the behaviour but neither the invariant nor whether it deadlocked: by kind only.
            if (declared.expected() != Verdict.SAFETY_FAILURE && declared.expected() != Verdict.DEADLOCK_FAILURE) {
                out.add("expected " + declared.expectation() + ", got " + outcome(result));
            }
        } else if (result.verdict() == Verdict.ERROR) {
            out.add("TLC could not check it: " + result.error());
        } else if (result.verdict() != declared.expected()) {
            out.add("expected " + declared.expectation() + ", got " + outcome(result));
        } else if (!Objects.equals(declared.violated(), result.violated())) {
            out.add("expected " + declared.expectation() + ", but " + result.violated() + " was violated");
        }
        if (declared.expected() == Verdict.SUCCESS && result.verdict() == Verdict.SUCCESS) {
            if (declared.distinctStates() == null) {
                out.add("the manifest declares no distinctStates for a passing model (found " + result.distinct() + ")");
            } else if (declared.distinctStates() != result.distinct()) {
                out.add("expected " + declared.distinctStates() + " distinct states, found " + result.distinct());
            }
        }
        return new Comparison(declared, result, out);
    }

    public boolean matches() {
        return disagreements.isEmpty();
    }

    /** "safety failure (Integrity)", "success", "error": the verdict as a reader wants it. */
    public static String outcome(CheckResult r) {
        return r.violated() == null ? r.verdict().label() : r.verdict().label() + " (" + r.violated() + ")";
    }

    /** A report for a failed test or the CLI: what differs, then TLC's counterexample if it gave one. */
    public String report() {
        StringBuilder sb = new StringBuilder(declared.name()).append(": ").append(String.join("; ", disagreements));
        if (!result.counterexample().states().isEmpty()) sb.append("\n").append(CounterexampleText.render(result));
        return sb.toString();
    }
}
