package defragcheck.conformance;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import defragcheck.impl.cache.PageKey;
import defragcheck.impl.defrag.MoveExtents;
import defragcheck.impl.io.DirectIo;
import defragcheck.impl.observe.AbstractState;
import tlc2.tool.TLCState;

/**
 * Drives the implementation's actors under a chosen interleaving, without the spec: at each point the operations
 * the implementation would run without blocking (its own lock and drain conditions, read from its state) are
 * listed in a fixed order and {@code choices} pick one. Writers issue at most the model's MaxWrites writes.
 * The states after every operation form the trace that {@link TraceValidator} checks.
 */
public final class ImplDriver {
    /** One operation an actor can take now, and how to take it. */
    public record Op(String label, IoAction run) {}

    @FunctionalInterface
    public interface IoAction {
        void run() throws IOException;
    }

    private final ImplRig rig;
    private final ImplGuards guards;

    public ImplDriver(ImplRig rig) {
        this.rig = rig;
        this.guards = new ImplGuards(rig);
    }

    /** Runs operations picked by {@code choices} (each modulo the number enabled) and returns the mapped states, Init first. */
    public List<TLCState> run(SpecModel spec, List<Integer> choices) throws IOException {
        StateMapping mapping = new StateMapping(spec, rig);
        List<TLCState> states = new ArrayList<>();
        ImplRig.Snapshot snap = rig.snapshot();
        states.add(mapping.toTlc(snap, seq -> (int) seq));
        for (int choice : choices) {
            List<Op> ops = enabled(snap.state());
            if (ops.isEmpty()) {
                break;
            }
            Op op = ops.get(Math.floorMod(choice, ops.size()));
            try {
                op.run().run();
            } catch (IOException | RuntimeException e) {
                throw new IOException("implementation operation " + op.label() + " failed: " + e, e);
            }
            snap = rig.snapshot();
            states.add(mapping.toTlc(snap, seq -> (int) seq));
        }
        return states;
    }

    /** The operations that would not block now, in a fixed order. */
    public List<Op> enabled(AbstractState s) {
        ModelConstants c = rig.constants();
        List<Op> ops = new ArrayList<>();
        boolean writesLeft = rig.issued() < c.maxWrites();
        for (String f : c.userFiles()) {
            int ino = rig.file(f).ino();
            boolean rwsemFree = guards.writerEnabled("BufferedWrite", ino, s);
            boolean ilockFree = guards.writerEnabled("MmapFault", ino, s);
            for (int lb = 1; lb <= c.lblocks(); lb++) {
                int l = lb;
                boolean uncontended = uncontended(ino, lb - 1, s);
                if (writesLeft && rwsemFree && uncontended && !c.dax() && c.writers().contains("buffered")) {
                    ops.add(new Op("BufferedWrite " + f + " " + lb, () -> rig.bufferedWrite(f, l)));
                }
                if (writesLeft && rwsemFree && c.dax() && (c.writers().contains("buffered") || c.writers().contains("direct"))) {
                    ops.add(new Op("DaxWrite " + f + " " + lb, () -> rig.bufferedWrite(f, l)));
                }
                if (writesLeft && rwsemFree && c.writers().contains("direct") && !c.dax()) {
                    ops.add(new Op("DioSubmit " + f + " " + lb, () -> rig.dioSubmit(f, l)));
                }
                if (writesLeft && uncontended && c.writers().contains("mmap")) {
                    String mmap = c.dax() ? "Dax" : "Mmap";
                    AbstractState.Mapping pte = s.pte().get(new PageKey(ino, lb - 1));
                    if (ilockFree && (pte == null || !pte.writable())) { // the CPU faults only without a writable pte
                        ops.add(new Op(mmap + "Fault " + f + " " + lb, () -> rig.mmapFault(f, l)));
                    }
                    ops.add(new Op(mmap + "Store " + f + " " + lb, () -> rig.mmapStore(f, l)));
                }
                if (c.readers().contains("buffered") && ilockFree) {
                    ops.add(new Op("ReadFill " + f + " " + lb, () -> rig.readFill(f, l)));
                }
            }
        }
        for (DirectIo.DioRecord r : rig.inFlight()) {
            ops.add(new Op("DioComplete " + r.id(), () -> rig.dioComplete(r)));
        }
        for (PageKey k : s.cache().keySet()) {
            String f = rig.fileName(k.ino());
            int lb = (int) k.lblock() + 1;
            ops.add(new Op("Writeback " + f + " " + lb, () -> rig.writeback(f, lb)));
        }
        for (int d = 1; d <= rig.movers().size(); d++) {
            MoveExtents m = rig.mover(d);
            if (!m.done() && guards.defragEnabled(m, s)) {
                int id = d;
                ops.add(new Op(m.step() + " " + d, () -> rig.defragStep(id)));
            }
        }
        return ops;
    }

    /**
     * The users' contract of the spec (Environment.tla, Uncontended): the users this driver plays write no page of a
     * block while a direct write to it is in flight (the kernel loses such a write, kernel finding F1).
     */
    private static boolean uncontended(int ino, long lblock, AbstractState s) {
        return s.dio().stream().noneMatch(d -> d.ino() == ino && d.lblock() == lblock);
    }
}
