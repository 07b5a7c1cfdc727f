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

import defragcheck.conformance.ImplRig;
import defragcheck.impl.CrashConformanceRun.Outcome;
import defragcheck.impl.cache.PageKey;
import defragcheck.impl.io.DirectIo;
import tlc2.tool.TLCState;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Crash conformance under interleavings jqwik chooses. First the users: writers (buffered, direct, mmap), readers,
 * the flusher, fsync and the completion of direct writes, in any order; their direct writes complete when they are
 * done. Then the defrag's steps, interleaved with the flusher and fsync (which take no lock the defrag holds), then
 * fsync and unmount. The phases keep every chosen step from blocking without the rig having to predict when the
 * implementation blocks (that is observed elsewhere: {@code LoggedRunTest}, {@code TeethTest}). Every crash state
 * of the run must recover to a state TLC's Crash then Recover reach from a spec state of its flush epoch, with the
 * model's invariants holding.
 */
class CrashConformancePropertyTest {
    /** One operation of the rig, named by the spec action it is (what the crash follower expects of it). */
    private record Op(String label, CrashConformanceRun.Action run) {}

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
        int users = (choices.size() + 1) / 2;
        for (int choice : choices.subList(0, users)) {
            List<Op> ops = userOps(rig);
            take(run, rig, ops.get(Math.floorMod(choice, ops.size())));
        }
        for (DirectIo.DioRecord r : rig.inFlight()) {
            run.step(() -> rig.dioComplete(r), PLAIN);
        }
        for (int choice : choices.subList(users, choices.size())) {
            List<Op> ops = environmentOps(rig);
            if (!rig.mover(1).done()) {
                ops.add(0, new Op(rig.mover(1).step(), () -> rig.defragStep(1)));
            }
            take(run, rig, ops.get(Math.floorMod(choice, ops.size())));
        }
        while (!rig.mover(1).done()) {
            take(run, rig, new Op(rig.mover(1).step(), () -> rig.defragStep(1)));
        }
        take(run, rig, new Op("Fsync", () -> rig.fs().sync()));
    }

    /**
     * What the users and the kernel's threads may do while no defrag runs, in a fixed order: each write kind the
     * model's Writers allow while writes are left (a store through the mapping faults first if it must, as a CPU
     * does; no write to a block with a direct write in flight, the users' contract), cache fills, and
     * {@link #environmentOps}.
     */
    private static List<Op> userOps(ImplRig rig) throws IOException {
        var c = rig.constants();
        List<Op> ops = new ArrayList<>();
        for (String f : c.userFiles()) {
            for (int lb = 1; lb <= c.lblocks(); lb++) {
                int l = lb;
                boolean uncontended = rig.inFlight().stream().noneMatch(r -> r.inode() == rig.file(f) && r.lblock() == l - 1);
                if (rig.issued() < c.maxWrites() && uncontended) {
                    if (c.writers().contains("buffered") || c.dax() && c.writers().contains("direct")) {
                        ops.add(new Op((c.dax() ? "DaxWrite " : "BufferedWrite ") + f + " " + lb, () -> rig.bufferedWrite(f, l)));
                    }
                    if (c.writers().contains("direct") && !c.dax()) {
                        ops.add(new Op("DioSubmit " + f + " " + lb, () -> rig.dioSubmit(f, l)));
                    }
                    if (c.writers().contains("mmap")) {
                        ops.add(new Op("MmapWrite " + f + " " + lb, () -> {
                            if (!rig.mmapStore(f, l)) {
                                rig.mmapFault(f, l);
                            }
                        }));
                    }
                }
                if (c.readers().contains("buffered") && !c.dax()) {
                    ops.add(new Op("ReadFill " + f + " " + lb, () -> rig.readFill(f, l)));
                }
            }
        }
        for (DirectIo.DioRecord r : rig.inFlight()) {
            ops.add(new Op("DioComplete " + r.id(), () -> rig.dioComplete(r)));
        }
        ops.addAll(environmentOps(rig));
        return ops;
    }

    /** What takes no inode lock: writeback of each cached page, fsync. */
    private static List<Op> environmentOps(ImplRig rig) {
        List<Op> ops = new ArrayList<>();
        for (PageKey k : new ArrayList<>(rig.fs().cache().all().keySet())) {
            String f = rig.fileName(k.ino());
            int lb = (int) k.lblock() + 1;
            ops.add(new Op("Writeback " + f + " " + lb, () -> rig.writeback(f, lb)));
        }
        ops.add(new Op("Fsync", () -> rig.fs().sync()));
        return ops;
    }

    @SuppressWarnings("unchecked")
    private static BiPredicate<TLCState, TLCState>[] plain() {
        return new BiPredicate[] {PLAIN};
    }

    /** One operation, with the spec step(s) its label names. */
    private static void take(CrashConformanceRun.Follower run, ImplRig rig, Op op) throws IOException {
        if (op.label().startsWith("SwapExtents")) {
            run.step(op.run(), LOG_INTENT, COMMIT_SWAP);
        } else {
            run.step(op.run(), op.label().equals("Fsync") ? fsync(dirtyPages(rig)) : plain());
        }
    }
}
