package defragcheck.kernel;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import defragcheck.conformance.ScheduleStep;

/**
 * Which next step of a LegacyNoDax behaviour a kernel schedule can force in the order drawn, given that the whole
 * defrag runs inside MOVE_EXT ioctls (one per page here, {@code len = 1}) without a pause point of its own. It
 * judges by the actions and their parameters so far only, never by the spec's variables (the spec may be
 * re-layered; the action names stay). A walk choosing only these steps is still a behaviour of the spec, and one
 * the kernel can be made to follow:
 * <ul>
 * <li>From the defrag's first lock until its first page is moved, the ioctl for page 1 is under way. While a direct
 * write is held, the ioctl is blocked (on the orig's i_rwsem, which the held write holds shared, then in
 * inode_dio_wait) and steps the spec allows then may run. Once no direct write is in flight the ioctl runs on
 * through lock, drain and the move of page 1 at once: the walk must take those steps next.</li>
 * <li>Not while a direct write is held: a buffered write (it needs i_rwsem exclusively, which the held write
 * holds shared: the kernel would block it) or another direct write (it may need i_rwsem exclusively too, e.g.
 * over an unwritten extent after a move).</li>
 * <li>Not a buffered write or mmap store to the block of a direct write in flight: the spec itself calls that race
 * unordered in the kernel (its DioComplete comment) and resolves it one way by choice.</li>
 * </ul>
 * What this cannot force: a step between lock and drain while no direct write is held (the ioctl does not stop
 * there), a step between two pages inside one ioctl (hence one ioctl per page, which releases and retakes the
 * locks between pages: a superset of what the spec allows there), and a page the kernel refuses with EBUSY
 * (not modelled by the spec; counted in the outcome).
 */
final class ForceablePolicy {
    private static final Set<String> DEFRAG_STEPS = Set.of("LockInodes", "DrainDio", "MovePage", "Unlock");

    private ForceablePolicy() {}

    static boolean allows(List<ScheduleStep> before, ScheduleStep next) {
        Set<Integer> dio = dioInFlight(before);
        String name = next.action();
        if (page1IoctlUnderWay(before) && dio.isEmpty()) {
            return DEFRAG_STEPS.contains(name);
        }
        if (!dio.isEmpty() && (name.equals("BufferedWrite") || name.equals("DioSubmit"))) {
            return false;
        }
        return !(name.equals("MmapStore") && dio.contains(next.lblock()));
    }

    /**
     * The same for e4defrag, whose one MOVE_EXT covers the whole file: from the first lock to the unlock nothing
     * but the defrag's steps runs once no direct write is held.
     */
    static boolean allowsWholeFile(List<ScheduleStep> before, ScheduleStep next) {
        boolean underWay = before.stream().anyMatch(s -> s.action().equals("LockInodes"))
                && before.stream().noneMatch(s -> s.action().equals("Unlock"));
        if (underWay && dioInFlight(before).isEmpty()) {
            return DEFRAG_STEPS.contains(next.action());
        }
        return allows(before, next);
    }

    /** The logical blocks of the direct writes submitted and not yet completed. */
    static Set<Integer> dioInFlight(List<ScheduleStep> steps) {
        Set<Integer> out = new HashSet<>();
        for (ScheduleStep s : steps) {
            if (s.action().equals("DioSubmit")) {
                out.add(s.lblock());
            } else if (s.action().equals("DioComplete")) {
                out.remove(s.lblock());
            }
        }
        return out;
    }

    /** From the defrag's first LockInodes to its first MovePage. */
    static boolean page1IoctlUnderWay(List<ScheduleStep> steps) {
        boolean locked = steps.stream().anyMatch(s -> s.action().equals("LockInodes"));
        return locked && steps.stream().noneMatch(s -> s.action().equals("MovePage"));
    }

    /** Whether a direct write is in flight and the defrag has not taken its first lock: page 1's ioctl must block now. */
    static boolean firstLockWithHeldWrite(List<ScheduleStep> before, ScheduleStep next) {
        return next.action().equals("LockInodes") && before.stream().noneMatch(s -> s.action().equals("LockInodes"))
                && !dioInFlight(before).isEmpty();
    }

    static int movedPages(List<ScheduleStep> before) {
        return (int) before.stream().filter(s -> s.action().equals("MovePage")).count();
    }
}
