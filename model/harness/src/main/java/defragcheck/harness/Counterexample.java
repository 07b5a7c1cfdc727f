package defragcheck.harness;

import java.util.List;

/**
 * The behaviour TLC reports for a violation. For a liveness violation the behaviour is a lasso:
 * after the last state it either returns to state {@code loopBackTo} through {@code loopAction}, or
 * stutters forever ({@code stutters}). For safety and deadlock both are absent.
 */
public record Counterexample(List<TraceState> states, Integer loopBackTo, String loopAction, boolean stutters) {
    public static final Counterexample NONE = new Counterexample(List.of(), null, null, false);

    public Counterexample {
        states = List.copyOf(states);
    }

    public boolean isLasso() {
        return loopBackTo != null || stutters;
    }

    /** The actions in order, the first state's "Init" included. */
    public List<String> actions() {
        return states.stream().map(TraceState::action).toList();
    }
}
