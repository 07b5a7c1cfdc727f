package defragcheck.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import defragcheck.harness.TraceState;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Where a defrag stands in a state: the locks it holds (the per-file lock variables {@code rwsem} and
 * {@code ilock} naming it as holder) and its next step ({@code step[d]}). Drawn under a defrag's lane
 * after the last row, so that a deadlock's cycle (each holds what the other waits for) is on the page.
 */
final class DefragHoldings {
    static final List<String> LOCKS = List.of("rwsem", "ilock");

    private DefragHoldings() {}

    /** "holds rwsem: f1" (a line per lock) and "next: LockInodes" for defrag {@code d}. */
    static List<String> of(TraceState s, String d) {
        List<String> out = new ArrayList<>();
        for (String lock : LOCKS) {
            JsonNode v = s.itf().get(lock);
            if (v == null || !v.isObject()) continue;
            List<String> files = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().has("#bigint") && e.getValue().get("#bigint").textValue().equals(d)) files.add(e.getKey());
            }
            if (!files.isEmpty()) out.add("holds " + lock + ": " + String.join(", ", files));
        }
        if (out.isEmpty()) out.add("holds no lock");
        JsonNode step = s.itf().get("step");
        int i;
        try {
            i = Integer.parseInt(d) - 1;
        } catch (NumberFormatException e) {
            return out;
        }
        if (step != null && step.isArray() && i >= 0 && i < step.size() && step.get(i).isTextual()) out.add("next: " + step.get(i).textValue());
        return out;
    }
}
