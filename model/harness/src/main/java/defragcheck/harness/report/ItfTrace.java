package defragcheck.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import defragcheck.harness.CheckResult;
import defragcheck.harness.Comparison;
import defragcheck.harness.Counterexample;
import defragcheck.harness.ItfValue;
import defragcheck.harness.TraceState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tlc2.value.impl.Value;

/**
 * A counterexample in the Informal Trace Format (Apalache ADR-015; {@code NAME.itf.json}), for
 * Apalache, Quint and other tools: {@code vars}, one object per state, {@code loop} the index of the
 * state a liveness lasso returns to. Each state's {@code #meta} names the action that led to it with
 * its parameters; the trace's {@code #meta} the model, verdict and violated property.
 */
final class ItfTrace {
    static final String FORMAT_DESCRIPTION = "https://apalache-mc.org/docs/adr/015adr-trace.html";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ItfTrace() {}

    static ObjectNode of(CheckResult result) {
        Counterexample cx = result.counterexample();
        ObjectNode trace = JSON.createObjectNode();
        ObjectNode meta = trace.putObject("#meta");
        meta.put("format", "ITF");
        meta.put("format-description", FORMAT_DESCRIPTION);
        meta.put("source", result.model().tla().getFileName().toString());
        meta.put("config", result.model().cfg().getFileName().toString());
        meta.put("description", "TLC counterexample of " + result.model().name() + ": " + Comparison.outcome(result));
        meta.put("verdict", result.verdict().label());
        if (result.violated() != null) meta.put("violated", result.violated());
        meta.put("modelValues", "a TLC model value Zero is written \"Zero" + ItfValue.MODEL_VALUE_SUFFIX + "\"");
        ArrayNode vars = trace.putArray("vars");
        if (!cx.states().isEmpty()) cx.states().get(0).itf().keySet().forEach(vars::add);
        ArrayNode states = trace.putArray("states");
        for (int i = 0; i < cx.states().size(); i++) {
            TraceState s = cx.states().get(i);
            ObjectNode state = states.addObject();
            ObjectNode m = state.putObject("#meta");
            m.put("index", i);
            m.put("action", s.step().name());
            ObjectNode params = m.putObject("parameters");
            s.step().parameters().forEach(params::put);
            m.put("label", s.label());
            s.itf().forEach(state::set);
        }
        if (cx.loopBackTo() != null) trace.put("loop", cx.loopBackTo() - 1);
        return trace;
    }

    static void write(CheckResult result, Path file) throws IOException {
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), of(result));
    }

    /** The states of an ITF trace as TLC values, each in the order of {@code vars}. */
    static List<Map<String, Value>> read(JsonNode trace) {
        List<String> vars = new ArrayList<>();
        trace.get("vars").forEach(v -> vars.add(v.textValue()));
        List<Map<String, Value>> out = new ArrayList<>();
        for (JsonNode state : trace.get("states")) {
            Map<String, Value> values = new LinkedHashMap<>();
            for (String v : vars) {
                if (!state.has(v)) throw new IllegalArgumentException("a state without variable " + v);
                values.put(v, ItfValue.toValue(state.get(v)));
            }
            out.add(values);
        }
        return out;
    }

    static List<Map<String, Value>> read(Path file) throws IOException {
        return read(JSON.readTree(file.toFile()));
    }
}
