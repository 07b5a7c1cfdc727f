package defragcheck.conformance;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;

import tlc2.value.impl.StringValue;
import tlc2.value.impl.Value;

/**
 * Runs a schedule taken from one model (a counterexample) on a rig whose implementation may differ: another
 * protocol, or the full protocol where the model skipped a step, or one without a step. The schedule only proposes
 * an order; the implementation decides. Each step goes to its actor's thread, the users' or the defrag's
 * ({@link UserThread}, {@link DefragGate}); a step the implementation blocks is observed blocked and goes on by
 * itself when the implementation lets it, and meanwhile the rig takes the schedule's next step of another actor.
 * When every remaining step waits, direct writes in flight complete (bios complete; the drain waits for them). A
 * defrag step of the schedule runs the defrag's own steps up to and including it (steps the schedule's protocol
 * does not have run in between); a step of another protocol (MovePage on DECS) runs the defrag's next step. What
 * happened is the rig's event log, which {@link TraceCheck} validates; a run that finishes the defrags ends with
 * an epilogue that makes what the steps left behind observable ({@link #epilogue}).
 */
public final class ScheduleRunner {
    /** How long the rig waits for a blocked step to go on when nothing else can run. */
    private static final long WAIT_SECONDS = 20;

    private final ImplRig rig;
    private final UserThread users = new UserThread();
    /** The spec's {@code Steps} of the rig's protocol: a schedule's defrag step not among them is another protocol's. */
    private final Value protocolSteps;
    /** Per defrag: the schedule step its own steps run up to (a foreign action: one step), null when there. */
    private final Map<Integer, ScheduleStep> targets = new HashMap<>();

    private ScheduleRunner(SpecModel spec, ImplRig rig) {
        this.rig = rig;
        this.protocolSteps = (Value) spec.value("Steps");
    }

    /** {@code finish}: afterwards run every defrag to its end. Returns the rig's event log. */
    public static EventLog run(SpecModel spec, ImplRig rig, List<ScheduleStep> schedule, boolean finish) throws IOException {
        ScheduleRunner r = new ScheduleRunner(spec, rig);
        try {
            r.go(schedule, finish);
        } finally {
            r.users.close();
        }
        return rig.log();
    }

    private void go(List<ScheduleStep> schedule, boolean finish) throws IOException {
        LinkedList<ScheduleStep> queue = new LinkedList<>(schedule);
        while (!queue.isEmpty()) {
            advanceDefrags();
            ScheduleStep next = queue.stream().filter(this::free).findFirst().orElse(null);
            if (next != null) {
                queue.remove(next);
                take(next);
            } else if (!waitForProgress() && queue.stream().noneMatch(this::free)) { // free again: what blocked went on meanwhile
                throw new IOException("the implementation blocks every remaining step of the schedule: " + queue);
            }
        }
        if (finish) {
            for (int d = 1; d <= rig.movers().size(); d++) {
                targets.put(d, new ScheduleStep("Done", null, 0, 0, d)); // "Done" is in every protocol's Steps: run to the end
            }
        }
        settle();
        if (finish) {
            epilogue();
        }
    }

    /** Runs every defrag to its target and waits for every blocked step to end. */
    private void settle() throws IOException {
        while (pending()) {
            advanceDefrags();
            if (pending() && !waitForProgress() && !canAdvance()) {
                throw new IOException("the implementation blocks the schedule's remaining steps of " + targets);
            }
        }
    }

    /**
     * After the schedule, with every defrag done and nothing running: direct writes in flight complete, every block
     * of every file is read, the users write each block of their files once more (in a way the model's Writers
     * allow), everything is written back, and every block is read again. What a step left behind (a block not
     * copied, a write not flushed, a stale page whose next write lands elsewhere) shows in these events.
     */
    private void epilogue() throws IOException {
        for (var r : rig.inFlight()) {
            rig.dioComplete(r); // first: the users write no block while their direct write to it is in flight
        }
        rig.observeEveryBlock();
        for (String f : rig.constants().userFiles()) {
            for (int lb = 1; lb <= rig.constants().lblocks(); lb++) {
                int l = lb;
                users.run("the epilogue's write of " + f + " " + lb, () -> writeOnce(f, l));
                settle();
            }
        }
        rig.fs().writeback().writebackAll("epilogue");
        rig.observeEveryBlock();
    }

    /** One write of {@code <<f, lb>>}: buffered (DAX: the DaxWrite) if the model has such writers, else direct, else mmap. */
    private void writeOnce(String f, int lb) throws IOException {
        var writers = rig.constants().writers();
        if (writers.contains("buffered") || rig.constants().dax() && writers.contains("direct")) {
            rig.bufferedWrite(f, lb);
        } else if (writers.contains("direct")) {
            rig.dioComplete(rig.dioSubmit(f, lb));
        } else {
            while (!rig.mmapStore(f, lb)) {
                rig.mmapFault(f, lb);
            }
        }
    }

    /**
     * Whether {@code st}'s actor can be handed it now: the users' thread or its defrag is not blocked and has no
     * earlier step to finish, and a completion's direct write was submitted.
     */
    private boolean free(ScheduleStep st) {
        if (st.isDefragStep()) {
            return targets.get(st.defrag()) == null && !rig.defragBlocked(st.defrag());
        }
        if (st.action().equals("DioComplete")) {
            return rig.inFlight(st.file(), st.lblock(), st.write()) != null;
        }
        return !users.busy();
    }

    private void take(ScheduleStep st) throws IOException {
        if (st.isDefragStep()) {
            targets.put(st.defrag(), st);
            advanceDefrags();
        } else if (st.action().equals("DioComplete")) {
            rig.dioComplete(rig.inFlight(st.file(), st.lblock(), st.write())); // end_io takes no lock the users hold
        } else {
            users.run(st.toString(), () -> {
                String refused = Replayer.apply(st, rig);
                if (refused != null) {
                    throw new IOException("step " + st + ": " + refused);
                }
            });
        }
    }

    /** Each defrag with a target and not blocked runs its own steps towards it, until there or blocked. */
    private void advanceDefrags() throws IOException {
        for (Map.Entry<Integer, ScheduleStep> e : targets.entrySet()) {
            int d = e.getKey();
            var m = rig.mover(d);
            while (e.getValue() != null && !rig.defragBlocked(d)) {
                if (m.done()) {
                    e.setValue(null);
                    break;
                }
                String want = e.getValue().action();
                boolean last = !protocolSteps.member(new StringValue(want)) || m.step().equals(want);
                Blocking.Outcome o = rig.tryDefragStep(d);
                if (last) {
                    e.setValue(null);
                }
                if (o == Blocking.Outcome.BLOCKED) {
                    break;
                }
            }
        }
    }

    /**
     * Nothing of the schedule can be handed over: a defrag that the users wait for takes its next step (its thread
     * runs by itself), or the oldest direct write in flight completes, or else the rig waits for a blocked step to
     * go on. Whether anything moved.
     */
    private boolean waitForProgress() throws IOException {
        if (users.busy()) {
            for (int d = 1; d <= rig.movers().size(); d++) {
                if (!rig.mover(d).done() && !rig.defragBlocked(d) && targets.get(d) == null) {
                    targets.put(d, new ScheduleStep(rig.mover(d).step(), null, 0, 0, d)); // its thread moves on by itself
                    return true;
                }
            }
        }
        if (!rig.inFlight().isEmpty()) {
            rig.dioComplete(rig.inFlight().get(0));
            return true;
        }
        if (!anyBlocked()) {
            return false; // nothing is blocked now (what was may have gone on since the caller looked)
        }
        long deadline = System.nanoTime() + WAIT_SECONDS * 1_000_000_000L;
        while (anyBlocked()) {
            if (users.busy() && users.awaitIdle(0) || System.nanoTime() > deadline) {
                return !anyBlocked();
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        return true;
    }

    /** Some defrag has steps left towards its target and is not blocked. */
    private boolean canAdvance() {
        return targets.entrySet().stream().anyMatch(e -> e.getValue() != null && !rig.defragBlocked(e.getKey()));
    }

    /** A defrag has steps left to run towards its target, or some actor is blocked in a step. */
    private boolean pending() {
        return targets.values().stream().anyMatch(t -> t != null) || anyBlocked();
    }

    private boolean anyBlocked() {
        boolean blocked = users.busy();
        for (int d = 1; d <= rig.movers().size(); d++) {
            blocked |= rig.defragBlocked(d);
        }
        return blocked;
    }
}
