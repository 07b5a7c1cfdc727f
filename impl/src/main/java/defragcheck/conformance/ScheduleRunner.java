package defragcheck.conformance;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import tlc2.tool.TLCState;

/**
 * Runs a schedule taken from one model on a rig whose defrag may have other steps (another protocol, or an
 * ablated step the schedule's model omits): before a defrag step of the schedule, the defrag first runs any of
 * its own steps the schedule does not name. Records the implementation's state after every step.
 */
public final class ScheduleRunner {
    private ScheduleRunner() {}

    /**
     * {@code finish}: afterwards run every defrag to its end. Returns the mapped states, Init first.
     * A step the implementation refuses (e.g. a store without a writable pte) fails with its reason.
     */
    public static List<TLCState> run(SpecModel spec, ImplRig rig, List<ScheduleStep> schedule, boolean finish) throws IOException {
        StateMapping mapping = new StateMapping(spec, rig);
        List<TLCState> states = new ArrayList<>();
        states.add(mapping.toTlc(rig.snapshot(), seq -> (int) seq));
        for (ScheduleStep st : schedule) {
            if (st.isDefragStep()) {
                if (rig.mover(st.defrag()).done()) {
                    continue; // a shorter protocol already finished
                }
                while (!rig.mover(st.defrag()).done() && !rig.mover(st.defrag()).step().equals(st.action())
                        && !otherProtocolStep(rig, st)) {
                    rig.defragStep(st.defrag());
                    states.add(mapping.toTlc(rig.snapshot(), seq -> (int) seq));
                }
                if (rig.mover(st.defrag()).done()) {
                    continue;
                }
                rig.defragStep(st.defrag());
            } else {
                String refused = Replayer.apply(st, rig);
                if (refused != null) {
                    throw new IOException("step " + st + ": " + refused);
                }
            }
            states.add(mapping.toTlc(rig.snapshot(), seq -> (int) seq));
        }
        if (finish) {
            for (int d = 1; d <= rig.movers().size(); d++) {
                while (!rig.mover(d).done()) {
                    rig.defragStep(d);
                    states.add(mapping.toTlc(rig.snapshot(), seq -> (int) seq));
                }
            }
        }
        return states;
    }

    /** The schedule names a step the rig's protocol does not have (legacy's MovePage on DECS): take the next one. */
    private static boolean otherProtocolStep(ImplRig rig, ScheduleStep st) {
        boolean decs = rig.constants().decs();
        return decs ? st.action().equals("MovePage") : !List.of("LockInodes", "DrainDio", "MovePage", "Unlock").contains(st.action());
    }
}
