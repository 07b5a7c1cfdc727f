package defragcheck.conformance;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import defragcheck.impl.io.DirectIo;
import tlc2.tool.TLCState;
import tlc2.value.IValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.Value;

/**
 * Spec to implementation: executes each step of a spec behaviour (its action and parameters) on an {@link ImplRig}
 * and, after every step, compares the implementation's state, mapped by {@link StateMapping}, with TLC's.
 */
public final class Replayer {
    /** The first step after which the states differ (0: the initial states), with both states side by side. */
    public record Mismatch(int step, String action, String report) {
        @Override
        public String toString() {
            return "step " + step + " (" + action + "): implementation state differs from the spec's\n" + report;
        }
    }

    /** How far a replay got: steps executed, the first mismatch or null, the implementation's states (Init first). */
    public record Result(int steps, Mismatch mismatch, List<TLCState> implStates) {
        public boolean conforms() {
            return mismatch == null;
        }
    }

    private Replayer() {}

    public static Result replay(SpecModel spec, List<SpecModel.Step> behaviour, ImplRig rig) throws IOException {
        StateMapping mapping = new StateMapping(spec, rig);
        List<TLCState> states = new ArrayList<>();
        TLCState impl = mapping.toTlc(rig.snapshot(), seq -> (int) seq);
        states.add(impl);
        TLCState expected = spec.init();
        if (!StateComparison.same(expected, impl)) {
            return new Result(0, new Mismatch(0, "Init", StateComparison.sideBySide(expected, impl)), states);
        }
        for (int i = 0; i < behaviour.size(); i++) {
            SpecModel.Step st = behaviour.get(i);
            String refused = apply(st, rig);
            impl = mapping.toTlc(rig.snapshot(), seq -> (int) seq);
            states.add(impl);
            if (refused != null || !StateComparison.same(st.state(), impl)) {
                String report = (refused == null ? "" : "  the implementation refused the step: " + refused + "\n")
                        + StateComparison.sideBySide(st.state(), impl);
                return new Result(i + 1, new Mismatch(i + 1, st.label(), report), states);
            }
        }
        return new Result(behaviour.size(), null, states);
    }

    /** Executes one spec step on the implementation; returns why it could not, or null. */
    public static String apply(SpecModel.Step st, ImplRig rig) throws IOException {
        return apply(ScheduleStep.of(st), rig);
    }

    /** Executes one step of a schedule on the implementation; returns why it could not, or null. */
    public static String apply(ScheduleStep st, ImplRig rig) throws IOException {
        switch (st.action()) {
            case "BufferedWrite", "DaxWrite" -> rig.bufferedWrite(st.file(), st.lblock());
            case "DioSubmit" -> rig.dioSubmit(st.file(), st.lblock());
            case "DioComplete" -> {
                DirectIo.DioRecord rec = rig.inFlight(st.file(), st.lblock(), st.write());
                if (rec == null) {
                    return "no direct write " + st + " in flight";
                }
                rig.dioComplete(rec);
            }
            case "MmapFault", "DaxFault" -> rig.mmapFault(st.file(), st.lblock());
            case "MmapStore", "DaxStore" -> {
                if (!rig.mmapStore(st.file(), st.lblock())) {
                    return "no writable pte";
                }
            }
            case "ReadFill" -> rig.readFill(st.file(), st.lblock());
            case "Writeback" -> {
                if (!rig.writeback(st.file(), st.lblock())) {
                    return "the page is not dirty";
                }
            }
            case "Terminated" -> {
                // the idle stutter step: nothing happens
            }
            default -> {
                String next = rig.mover(st.defrag()).step();
                if (!next.equals(st.action())) {
                    return "defrag " + st.defrag() + "'s next step is " + next;
                }
                rig.defragStep(st.defrag());
            }
        }
        return null;
    }

    static String str(IValue v) {
        return ((StringValue) v).getVal().toString();
    }

    static int num(IValue v) {
        return ((IntValue) v).val;
    }

    static Value field(RecordValue r, String name) {
        for (int i = 0; i < r.names.length; i++) {
            if (r.names[i].toString().equals(name)) {
                return r.values[i];
            }
        }
        throw new IllegalArgumentException("no field " + name + " in " + r);
    }
}
