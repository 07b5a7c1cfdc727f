package defragcheck.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One state of a counterexample. {@code number} is TLC's 1-based state number, {@code action} the
 * name of the action that led to it ("Init" for the first state), {@code values} every variable in
 * declaration order as TLA+ text, and {@code changes} what the action changed (for the first state:
 * every variable). {@code step} is the action with its parameters and definition; {@code itf} every
 * variable as an ITF expression ({@link ItfValue}), in the same order as {@code values}.
 */
public record TraceState(int number, String action, Map<String, String> values, List<Change> changes,
        ActionInstance step, Map<String, JsonNode> itf) {
    public TraceState {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        changes = List.copyOf(changes);
        itf = Collections.unmodifiableMap(new LinkedHashMap<>(itf));
        if (step == null) step = ActionInstance.named(action);
    }

    /** The action with its parameters: {@code BufferedWrite(f = "orig", lb = 1)}. */
    public String label() {
        return step.label();
    }
}
