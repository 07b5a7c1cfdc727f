package defragcheck.conformance;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;

import defragcheck.impl.observe.AbstractState;
import tlc2.tool.TLCState;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.Value;

/**
 * Runs a schedule taken from one model (a counterexample) on a rig whose implementation may differ: another
 * protocol, or the full protocol where the model skipped a step, or an ablated step. The schedule's writer steps
 * and defrag steps keep their order; when the implementation would block the next step (a writer behind the
 * defrag's lock, the drain behind a direct write), the other side's next steps run first, as the waiting thread
 * would let them (a drain with no writer step left waits for the oldest direct write's completion). A defrag step
 * of the schedule runs the defrag's own steps up to and including it (steps the schedule's protocol does not have
 * run in between); a step of another protocol (MovePage on DECS) runs the defrag's next step. Records the
 * implementation's state after every step.
 */
public final class ScheduleRunner {
    private final ImplRig rig;
    private final StateMapping mapping;
    private final ImplGuards guards;
    /** The spec's {@code Steps} of the rig's protocol: a schedule's defrag step not among them is another protocol's. */
    private final Value protocolSteps;
    private final List<TLCState> states = new ArrayList<>();

    private ScheduleRunner(SpecModel spec, ImplRig rig) {
        this.rig = rig;
        this.protocolSteps = (Value) spec.value("Steps");
        this.mapping = new StateMapping(spec, rig);
        this.guards = new ImplGuards(rig);
    }

    /** {@code finish}: afterwards run every defrag to its end. Returns the mapped states, Init first. */
    public static List<TLCState> run(SpecModel spec, ImplRig rig, List<ScheduleStep> schedule, boolean finish) throws IOException {
        return new ScheduleRunner(spec, rig).go(schedule, finish);
    }

    private List<TLCState> go(List<ScheduleStep> schedule, boolean finish) throws IOException {
        record();
        LinkedList<ScheduleStep> queue = new LinkedList<>(schedule);
        while (!queue.isEmpty()) {
            ScheduleStep head = queue.getFirst();
            if (enabled(head)) {
                take(queue.removeFirst());
                continue;
            }
            ScheduleStep other = null;
            for (ScheduleStep st : queue) {
                if (st.isDefragStep() != head.isDefragStep() && enabled(st)) {
                    other = st;
                    break;
                }
            }
            if (other != null) {
                queue.remove(other);
                take(other);
            } else if (!head.isDefragStep() && defragOwnStep()) {
                continue; // the defrag the writer waits for moves on by itself
            } else if (head.isDefragStep() && !rig.inFlight().isEmpty()) {
                rig.dioComplete(rig.inFlight().get(0)); // the drain waits for a bio, and bios complete
                record();
            } else {
                throw new IOException("the implementation blocks every remaining step of the schedule: " + queue);
            }
        }
        if (finish) {
            for (int d = 1; d <= rig.movers().size(); d++) {
                while (!rig.mover(d).done()) {
                    rig.defragStep(d);
                    record();
                }
            }
        }
        return states;
    }

    private boolean enabled(ScheduleStep st) throws IOException {
        AbstractState s = rig.fs().abstractState();
        if (st.isDefragStep()) {
            return rig.mover(st.defrag()).done() || guards.defragEnabled(rig.mover(st.defrag()), s);
        }
        if (st.action().equals("DioComplete")) {
            return rig.inFlight(st.file(), st.lblock(), st.write()) != null;
        }
        return st.file() == null || guards.writerEnabled(st.action(), rig.file(st.file()).ino(), s);
    }

    private void take(ScheduleStep st) throws IOException {
        if (!st.isDefragStep()) {
            String refused = Replayer.apply(st, rig);
            if (refused != null) {
                throw new IOException("step " + st + ": " + refused);
            }
            record();
            return;
        }
        var m = rig.mover(st.defrag());
        boolean foreign = !protocolSteps.member(new StringValue(st.action()));
        while (!m.done() && !foreign && !m.step().equals(st.action())) {
            rig.defragStep(st.defrag());
            record();
        }
        if (!m.done()) {
            rig.defragStep(st.defrag());
            record();
        }
    }

    /** Runs the first defrag's next step if it can run; false if none can. */
    private boolean defragOwnStep() throws IOException {
        AbstractState s = rig.fs().abstractState();
        for (int d = 1; d <= rig.movers().size(); d++) {
            if (!rig.mover(d).done() && guards.defragEnabled(rig.mover(d), s)) {
                rig.defragStep(d);
                record();
                return true;
            }
        }
        return false;
    }

    private void record() throws IOException {
        states.add(mapping.toTlc(rig.snapshot(), seq -> (int) seq));
    }
}
