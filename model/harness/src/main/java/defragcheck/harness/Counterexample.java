package defragcheck.harness;

import java.util.List;

/**
 * The behaviour TLC reports for a violation. For a liveness violation the behaviour is a lasso:
 * after the last state it either returns to state {@code loopBackTo} through {@code loopAction}
 * ({@code loopStep}: the same with its parameters), or stutters forever ({@code stutters}). For
 * safety and deadlock these are absent. {@code culprits}: where the violated invariant fails in the
 * last state ({@link Culprit}); empty when it has no bound names or for other verdicts.
 */
public record Counterexample(List<TraceState> states, Integer loopBackTo, String loopAction, boolean stutters,
        ActionInstance loopStep, List<Culprit> culprits) {
    public static final Counterexample NONE = new Counterexample(List.of(), null, null, false, null, List.of());

    public Counterexample {
        states = List.copyOf(states);
        culprits = List.copyOf(culprits);
        if (loopStep == null && loopAction != null) loopStep = ActionInstance.named(loopAction);
    }

    public boolean isLasso() {
        return loopBackTo != null || stutters;
    }

    /** The actions in order, the first state's "Init" included. */
    public List<String> actions() {
        return states.stream().map(TraceState::action).toList();
    }
}
