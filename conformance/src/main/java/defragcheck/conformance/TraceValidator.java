package defragcheck.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tlc2.tool.TLCState;

/**
 * Implementation to spec: a sequence of implementation states (mapped to TLC states) must start in Init, each
 * consecutive pair must be a step of one of Next's sub-actions or a stutter, and the model's invariants, evaluated
 * by TLC, must hold in every state.
 */
public final class TraceValidator {
    /** The verdict: {@code failedAt} is the index of the first bad state (-1: valid), with why; the action of every step. */
    public record Verdict(int failedAt, String reason, List<String> actions) {
        public boolean valid() {
            return failedAt < 0;
        }

        /** Steps per action name ("stutter" for stutters). */
        public Map<String, Integer> actionCounts() {
            Map<String, Integer> m = new TreeMap<>();
            for (String a : actions) {
                m.merge(a.split(" ", 2)[0], 1, Integer::sum);
            }
            return m;
        }

        @Override
        public String toString() {
            return valid() ? "valid: " + actions.size() + " steps" : "state " + failedAt + ": " + reason;
        }
    }

    private TraceValidator() {}

    /** {@code invariants}: also evaluate the model's invariants in every state (else only Init and the steps). */
    public static Verdict validate(SpecModel spec, List<TLCState> states, boolean invariants) {
        List<String> actions = new ArrayList<>();
        if (states.isEmpty()) {
            return new Verdict(0, "empty trace", actions);
        }
        TLCState init = spec.init();
        if (!StateComparison.same(init, states.get(0))) {
            return new Verdict(0, "not the initial state\n" + StateComparison.sideBySide(init, states.get(0)), actions);
        }
        for (int i = 0; i < states.size(); i++) {
            TLCState t = states.get(i);
            if (i > 0) {
                TLCState s = states.get(i - 1);
                if (StateComparison.same(s, t)) {
                    actions.add("stutter");
                } else {
                    List<String> why = spec.explain(s, t);
                    if (why.isEmpty()) {
                        return new Verdict(i, "no action of Next takes state " + (i - 1) + " to state " + i
                                + " (left: before, right: after)\n" + StateComparison.sideBySide(s, t), actions);
                    }
                    actions.add(why.get(0));
                }
            }
            List<String> bad = invariants ? spec.violatedInvariants(t) : List.of();
            if (!bad.isEmpty()) {
                return new Verdict(i, "invariant " + String.join(", ", bad) + " violated\n" + StateComparison.print(t), actions);
            }
        }
        return new Verdict(-1, null, actions);
    }
}
