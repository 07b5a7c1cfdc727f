package defragcheck.conformance;

import java.util.Map;

import defragcheck.impl.defrag.MoveExtents;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.lock.LockOrder;
import defragcheck.impl.observe.AbstractState;

/**
 * When an implementation step would run without blocking, read from the implementation's own state: the
 * conditions its steps wait for in the state monitor (i_rwsem free for writes and DIO submission, the invalidate
 * lock free for faults and cache fills, the next lock in address order for a defrag's lock step, no DIO of either
 * file for the drain unless it is removed). Schedulers grant only such steps, so a granted step never blocks.
 */
final class ImplGuards {
    private final ImplRig rig;

    ImplGuards(ImplRig rig) {
        this.rig = rig;
    }

    /** A writer's or reader's step on inode {@code ino}: a spec action, or the implementation's (DAX writes are BufferedWrite). */
    boolean writerEnabled(String action, int ino, AbstractState s) {
        return switch (action) {
            case "BufferedWrite", "DioSubmit", "DaxWrite" -> !s.rwsem().containsKey(ino);
            case "MmapFault", "ReadFill", "DaxFault" -> !s.ilock().containsKey(ino);
            default -> true;
        };
    }

    boolean defragEnabled(MoveExtents m, AbstractState s) {
        String step = m.step();
        ModelConstants.Defrag df = rig.constants().defrags().get(Integer.parseInt(m.id()) - 1);
        Inode orig = rig.file(df.orig());
        Inode donor = rig.file(df.donor());
        if (rig.removed().stream().anyMatch(r -> r.action().name().equals(step))) {
            return true; // a removed step waits for nothing
        }
        if (step.equals("LockInodes") || step.equals("LockInvalidate")) {
            Map<Integer, String> held = step.equals("LockInodes") ? s.rwsem() : s.ilock();
            for (Inode i : LockOrder.ordered(orig, donor)) {
                if (!m.id().equals(held.get(i.ino()))) {
                    return !held.containsKey(i.ino());
                }
            }
            return true;
        }
        if (step.equals("DrainDio")) {
            return s.dio().stream().noneMatch(d -> d.ino() == orig.ino() || d.ino() == donor.ino());
        }
        return true;
    }
}
