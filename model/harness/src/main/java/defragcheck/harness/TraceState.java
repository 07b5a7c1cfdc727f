package defragcheck.harness;

import java.util.List;
import java.util.Map;

/**
 * One state of a counterexample. {@code number} is TLC's 1-based state number, {@code action} the
 * name of the action that led to it ("Init" for the first state), {@code values} every variable in
 * declaration order as TLA+ text, and {@code changes} what the action changed (for the first state:
 * every variable).
 */
public record TraceState(int number, String action, Map<String, String> values, List<Change> changes) {
    public TraceState {
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        changes = List.copyOf(changes);
    }
}
