package defragcheck.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import defragcheck.harness.Change;
import defragcheck.harness.Culprit;
import defragcheck.harness.TraceState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file and logical block a culprit of the violated invariant concerns ({@code f = "orig", lb = 1},
 * {@code k = <<"orig", 1>>}, a direct I/O record with {@code file} and {@code lblock}); either part may
 * be unknown (null). A page highlights it in the final state and marks every step that touched it.
 */
record BlockRef(String file, Integer lb) {
    private static final Pattern STRING = Pattern.compile("^\"([^\"]*)\"$");
    private static final Pattern NUMBER = Pattern.compile("^\\d+$");
    private static final Pattern KEY = Pattern.compile("<<\"([^\"]*)\", (\\d+)>>");
    private static final Pattern RECORD_FILE = Pattern.compile("file \\|-> \"([^\"]*)\"");
    private static final Pattern RECORD_LBLOCK = Pattern.compile("lblock \\|-> (\\d+)");

    /** The blocks the culprits name, without repeats, in their order. */
    static List<BlockRef> of(List<Culprit> culprits) {
        Set<BlockRef> out = new LinkedHashSet<>();
        for (Culprit c : culprits) out.addAll(of(c));
        return new ArrayList<>(out);
    }

    static List<BlockRef> of(Culprit c) {
        List<BlockRef> out = new ArrayList<>();
        String file = null;
        Integer lb = null;
        for (Map.Entry<String, String> b : c.bindings().entrySet()) {
            String v = b.getValue();
            Matcher s = STRING.matcher(v);
            Matcher key = KEY.matcher(v);
            Matcher rf = RECORD_FILE.matcher(v);
            Matcher rl = RECORD_LBLOCK.matcher(v);
            if (s.matches()) file = s.group(1);
            else if (NUMBER.matcher(v).matches() && b.getKey().startsWith("lb")) lb = Integer.valueOf(v);
            else if (key.matches()) out.add(new BlockRef(key.group(1), Integer.valueOf(key.group(2))));
            else if (rf.find() && rl.find()) out.add(new BlockRef(rf.group(1), Integer.valueOf(rl.group(1))));
        }
        if (file != null || lb != null) out.add(0, new BlockRef(file, lb));
        return out;
    }

    /** "orig, block 1", "orig", "block 1". */
    String label() {
        if (file != null && lb != null) return file + ", block " + lb;
        return file != null ? file : "block " + lb;
    }

    /** The physical blocks this block is mapped to in any state of the trace (from {@code emap}). */
    Set<Integer> physicalBlocks(List<TraceState> states) {
        Set<Integer> out = new LinkedHashSet<>();
        if (file == null || lb == null) return out;
        for (TraceState s : states) {
            JsonNode emap = s.itf().get("emap");
            if (emap != null && emap.has(file) && emap.get(file).isArray() && emap.get(file).size() >= lb) {
                JsonNode b = emap.get(file).get(lb - 1);
                if (b.has("#bigint")) out.add(Integer.valueOf(b.get("#bigint").textValue()));
            }
        }
        return out;
    }

    /** Whether step {@code s} touched this block: by its parameters, or a change to its key or a block it maps to. */
    boolean touchedBy(TraceState s, Set<Integer> physical) {
        Map<String, String> p = s.step().parameters();
        boolean fileParam = file != null && ("\"" + file + "\"").equals(p.get("f"));
        boolean lbParam = lb != null && String.valueOf(lb).equals(p.get("lb"));
        if (fileParam && (lb == null || lbParam) || file == null && lbParam) return true;
        for (Change c : s.changes()) if (concerns(c, physical)) return true;
        return false;
    }

    /** Whether one change concerns this block. */
    boolean concerns(Change c, Set<Integer> physical) {
        String path = c.path();
        String value = c.value() == null ? "" : c.value();
        if (file != null && lb != null) {
            String key = "<<\"" + file + "\", " + lb + ">>";
            if (path.contains(key) || path.contains("[\"" + file + "\"][" + lb + "]")) return true;
            if (value.contains("file |-> \"" + file + "\"") && value.contains("lblock |-> " + lb)) return true;
            String variable = ActorLanes.variable(path);
            for (int b : physical) {
                if (path.equals(variable + "[" + b + "]") && (variable.equals("disk") || variable.equals("durable"))) return true;
            }
            return false;
        }
        if (file != null) return path.contains("\"" + file + "\"");
        return lb != null && path.matches(".*\\[" + lb + "\\].*");
    }
}
