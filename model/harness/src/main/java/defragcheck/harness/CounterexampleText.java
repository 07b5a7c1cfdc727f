package defragcheck.harness;

import java.util.List;

/**
 * A counterexample as a reviewer reads it: one row per step with the action that took it, its
 * parameters, and only what that action changed (the first state in full), then how a liveness lasso
 * closes, then where the violated invariant fails in the last state.
 */
public final class CounterexampleText {
    private CounterexampleText() {}

    public static String render(CheckResult result) {
        Counterexample cx = result.counterexample();
        StringBuilder sb = new StringBuilder();
        sb.append("Counterexample for ").append(result.model().name()).append(": ").append(headline(result))
                .append(", ").append(cx.states().size()).append(" states\n");
        int actionWidth = cx.states().stream().mapToInt(s -> s.label().length()).max().orElse(4);
        String indent = " ".repeat(4 + 1 + 2 + actionWidth + 2);
        for (TraceState s : cx.states()) {
            String head = String.format("  %3d  %-" + actionWidth + "s  ", s.number(), s.label());
            List<Change> changes = s.changes();
            if (changes.isEmpty()) {
                sb.append(head).append("(no variable changed)\n");
                continue;
            }
            for (int i = 0; i < changes.size(); i++) {
                sb.append(i == 0 ? head : indent).append(changes.get(i)).append('\n');
            }
        }
        if (cx.loopBackTo() != null) {
            sb.append("       then ").append(cx.loopStep().label()).append(" leads back to state ").append(cx.loopBackTo())
                    .append(": this loop repeats forever\n");
        } else if (cx.stutters()) {
            sb.append("       then nothing happens any more (stuttering forever)\n");
        }
        for (Culprit c : cx.culprits()) {
            sb.append("       ").append(c.conjunct()).append(" fails at ").append(c.label());
            if (!c.evidence().isEmpty()) {
                sb.append(": ").append(c.evidence().entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
                        .collect(java.util.stream.Collectors.joining(", ")));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String headline(CheckResult r) {
        return switch (r.verdict()) {
            case SAFETY_FAILURE -> r.violated() + " violated";
            case DEADLOCK_FAILURE -> "deadlock (no action enabled)";
            case LIVENESS_FAILURE -> r.violated() + " violated";
            default -> r.verdict().label();
        };
    }
}
