package defragcheck.kernel;

import java.util.List;
import java.util.stream.Collectors;

/** Rows of the forced-schedule table: model, seed, model verdict, kernel outcome, agree. */
public final class ScheduleTable {
    private ScheduleTable() {}

    public static String header() {
        return String.format("%-30s %5s %-28s %-9s %s", "model", "seed", "model verdict (final gens)", "agree", "kernel outcome");
    }

    public static String row(ScheduleOutcome o) {
        String agree = !o.forced() ? "unforced" : o.agrees() ? "yes" : o.finding() != null ? "NO (" + o.finding().substring(0, 2) + ")" : "NO";
        String kernel = !o.forced() ? o.unforced() : o.agrees() ? "same data; " + o.kernelOutcome()
                : String.join("; ", o.disagreements());
        return String.format("%-30s %5d %-28s %-9s %s", o.model(), o.seed(), o.modelVerdict() + " " + o.modelFinal(), agree, kernel);
    }

    /** A model whose behaviours cannot be forced here at all, and why. */
    public static String unforcedModel(String model, String verdict, String why) {
        return String.format("%-30s %5s %-28s %-9s %s", model, "-", verdict, "unforced", why);
    }

    /** "N of M WHAT forced, A agree, D disagree", and the known findings among the disagreements. */
    public static String summary(List<ScheduleOutcome> outcomes, String what) {
        long forced = outcomes.stream().filter(ScheduleOutcome::forced).count();
        long agree = outcomes.stream().filter(ScheduleOutcome::agrees).count();
        List<String> known = outcomes.stream().map(ScheduleOutcome::finding).filter(f -> f != null).distinct().toList();
        return forced + " of " + outcomes.size() + " " + what + " forced, " + agree + " agree, " + (forced - agree) + " disagree"
                + (known.isEmpty() ? "" : "; known: " + String.join("; ", known));
    }

    /** Every schedule that could be forced agrees with its model. */
    public static boolean allForcedAgree(List<ScheduleOutcome> outcomes) {
        return outcomes.stream().allMatch(o -> !o.forced() || o.agrees());
    }

    public static String rows(List<ScheduleOutcome> outcomes) {
        return outcomes.stream().map(ScheduleTable::row).collect(Collectors.joining("\n"));
    }

    /** A row plus the schedule itself, to reproduce it. */
    public static String detail(ScheduleOutcome o) {
        return row(o) + "\n  schedule: " + o.schedule() + "\n  kernel: " + o.kernelOutcome()
                + (o.finding() == null ? "" : "\n  known: " + o.finding());
    }
}
