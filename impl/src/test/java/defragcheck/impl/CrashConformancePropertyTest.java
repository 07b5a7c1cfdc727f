package defragcheck.impl;

import static defragcheck.impl.CrashConformanceRun.COMMIT_SWAP;
import static defragcheck.impl.CrashConformanceRun.fsync;
import static defragcheck.impl.CrashConformanceRun.LOG_INTENT;
import static defragcheck.impl.CrashConformanceRun.PLAIN;
import static defragcheck.impl.CrashConformanceRun.dirtyPages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

import defragcheck.conformance.ImplDriver;
import defragcheck.conformance.ImplRig;
import defragcheck.impl.CrashConformanceRun.Outcome;
import defragcheck.impl.io.DirectIo;
import tlc2.tool.TLCState;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Crash conformance under interleavings jqwik chooses: writers (buffered, direct, mmap), readers, the flusher, fsync
 * and the defrag's steps in any order the implementation allows ({@link ImplDriver}), then in-flight direct writes
 * completed, the defrag finished, fsync and unmount; every crash state of the run must recover to a state TLC's
 * Crash then Recover reach from a spec state of its flush epoch, with the model's invariants holding.
 */
class CrashConformancePropertyTest {

    @Property(tries = 40)
    void decsCrashNoDax(@ForAll @Size(min = 1, max = 24) List<@IntRange(min = 0, max = 999) Integer> choices) throws Exception {
        conforms("DecsCrashNoDax", choices);
    }

    @Property(tries = 25)
    void decsCrashDax(@ForAll @Size(min = 1, max = 24) List<@IntRange(min = 0, max = 999) Integer> choices) throws Exception {
        conforms("DecsCrashDax", choices);
    }

    private static void conforms(String model, List<Integer> choices) throws Exception {
        Outcome o = CrashConformanceRun.run(model, null, (run, rig) -> interleaving(run, rig, choices), choices.hashCode());
        System.out.println("crash conformance, " + model + ", " + choices.size() + " choices: " + o);
        assertEquals(0, o.explored().violating(), o.toString());
        assertTrue(o.violatedInvariants().isEmpty(), o.toString());
        assertEquals(o.explored().states(), o.checked(), o.toString());
    }

    private static void interleaving(CrashConformanceRun.Follower run, ImplRig rig, List<Integer> choices) throws IOException {
        ImplDriver driver = new ImplDriver(rig);
        for (int choice : choices) {
            List<ImplDriver.Op> ops = new ArrayList<>(driver.enabled(rig.snapshot().state()));
            ops.add(new ImplDriver.Op("Fsync", () -> rig.fs().sync()));
            take(run, rig, ops.get(Math.floorMod(choice, ops.size())));
        }
        for (DirectIo.DioRecord r : rig.inFlight()) {
            run.step(() -> rig.dioComplete(r), PLAIN);
        }
        while (!rig.mover(1).done()) {
            take(run, rig, new ImplDriver.Op(rig.mover(1).step(), () -> rig.defragStep(1)));
        }
        take(run, rig, new ImplDriver.Op("Fsync", () -> rig.fs().sync()));
    }

    @SuppressWarnings("unchecked")
    private static BiPredicate<TLCState, TLCState>[] plain() {
        return new BiPredicate[] {PLAIN};
    }

    /** One operation, with the spec step(s) its label names. */
    private static void take(CrashConformanceRun.Follower run, ImplRig rig, ImplDriver.Op op) throws IOException {
        if (op.label().startsWith("SwapExtents")) {
            run.step(op.run(), LOG_INTENT, COMMIT_SWAP);
        } else {
            run.step(op.run(), op.label().equals("Fsync") ? fsync(dirtyPages(rig)) : plain());
        }
    }
}
