package defragcheck.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import defragcheck.harness.ItfValue;
import defragcheck.harness.TraceState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the last state holds for one block the violated invariant fails on: every variable's entry
 * for it (its key {@code <<f, lb>>} in a function or set, its index in a per-file map such as
 * {@code emap}, and the device blocks it maps to in {@code disk} and {@code durable}).
 */
final class FinalBlocks {
    private FinalBlocks() {}

    /** One line per entry: {@code emap["orig"][1] = 3}, {@code disk[3] = Garbage}, {@code <<"orig", 1>> ∈ unwritten}. */
    static List<String> entries(TraceState last, BlockRef block) {
        List<String> out = new ArrayList<>();
        if (block.file() == null || block.lb() == null) return out;
        String key = "<<\"" + block.file() + "\", " + block.lb() + ">>";
        List<Integer> physical = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : last.itf().entrySet()) {
            String var = e.getKey();
            JsonNode v = e.getValue();
            if (v.isObject() && v.has(block.file()) && v.get(block.file()).isArray() && v.get(block.file()).size() >= block.lb()) {
                JsonNode entry = v.get(block.file()).get(block.lb() - 1);
                out.add(var + "[\"" + block.file() + "\"][" + block.lb() + "] = " + text(entry));
                if (var.equals("emap") && entry.has("#bigint")) physical.add(Integer.valueOf(entry.get("#bigint").textValue()));
            } else if (v.isObject() && v.has("#map")) {
                for (JsonNode pair : v.get("#map")) {
                    if (isKey(pair.get(0), block)) out.add(var + "[" + key + "] = " + text(pair.get(1)));
                }
            } else if (v.isObject() && v.has("#set")) {
                boolean member = false;
                for (JsonNode x : v.get("#set")) member |= isKey(x, block);
                if (member) out.add(key + " ∈ " + var);
            }
        }
        for (int b : physical) {
            for (String var : List.of("disk", "durable")) {
                JsonNode v = last.itf().get(var);
                if (v != null && v.isArray() && v.size() >= b) out.add(var + "[" + b + "] = " + text(v.get(b - 1)));
            }
        }
        return out;
    }

    private static boolean isKey(JsonNode k, BlockRef block) {
        return k.isArray() && k.size() == 2 && block.file().equals(k.get(0).textValue())
                && k.get(1).has("#bigint") && k.get(1).get("#bigint").textValue().equals(String.valueOf(block.lb()));
    }

    private static String text(JsonNode itf) {
        return ItfValue.toValue(itf).toString().replaceAll("\\s*\\n\\s*", " ");
    }
}
