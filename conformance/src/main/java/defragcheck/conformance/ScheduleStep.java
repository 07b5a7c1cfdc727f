package defragcheck.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import defragcheck.harness.Counterexample;
import defragcheck.harness.TraceState;
import tla2sany.semantic.OpDeclNode;
import tlc2.tool.TLCState;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.TupleValue;

/**
 * One step of a schedule as plain data, independent of any loaded spec (TLC states die with their spec): the
 * action, its file and 1-based logical block, the write number a DioComplete completes, the defrag it belongs to.
 */
public record ScheduleStep(String action, String file, int lblock, int write, int defrag) {

    public boolean isDefragStep() {
        return defrag > 0;
    }

    public static ScheduleStep of(SpecModel.Step st) {
        String a = st.name();
        return switch (a) {
            case "BufferedWrite", "DioSubmit", "MmapFault", "MmapStore", "ReadFill", "DaxWrite", "DaxFault", "DaxStore" ->
                    new ScheduleStep(a, Replayer.str(st.param("f")), Replayer.num(st.param("lb")), 0, 0);
            case "DioComplete" -> {
                RecordValue r = (RecordValue) st.param("r");
                yield new ScheduleStep(a, Replayer.str(Replayer.field(r, "file")), Replayer.num(Replayer.field(r, "lblock")),
                        Replayer.num(Replayer.field(r, "val")), 0);
            }
            case "Writeback" -> {
                TupleValue k = (TupleValue) st.param("k");
                yield new ScheduleStep(a, Replayer.str(k.elems[0]), Replayer.num(k.elems[1]), 0, 0);
            }
            case "Terminated" -> new ScheduleStep(a, null, 0, 0, 0);
            default -> {
                if (st.param("d") == null) { // DioReadSubmit, ReclaimPage, Stat, ...: ModelConstants rules them out
                    throw new IllegalArgumentException("the rig has no step " + st.label());
                }
                yield new ScheduleStep(a, null, 0, 0, Replayer.num(st.param("d")));
            }
        };
    }

    /** TLC's counterexample as the spec steps between its states (found among the successors by their values). */
    public static List<SpecModel.Step> behaviour(SpecModel spec, Counterexample cex) {
        List<java.util.function.Predicate<TLCState>> matches = new ArrayList<>();
        for (TraceState ts : cex.states().subList(1, cex.states().size())) {
            matches.add(s -> sameText(s, ts.values()));
        }
        return spec.followStates(matches);
    }

    private static boolean sameText(TLCState s, Map<String, String> values) {
        for (OpDeclNode v : TLCState.vars) {
            String text = s.lookup(v.getName()).toString().replaceAll("\\s*\\n\\s*", " ");
            if (!text.equals(values.get(v.getName().toString()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return action + (file == null ? "" : " " + file + " " + lblock) + (write > 0 ? " w" + write : "")
                + (defrag > 0 ? " d" + defrag : "");
    }
}
