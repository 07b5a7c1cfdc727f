package defragcheck.kernel;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import defragcheck.conformance.ScheduleStep;
import defragcheck.conformance.SpecModel;
import tlc2.tool.TLCState;

/**
 * Which of LegacyNoDax's successors a kernel schedule can force in the order drawn, given that the whole defrag
 * runs inside MOVE_EXT ioctls (one per page here, {@code len = 1}) without a pause point of its own. A walk
 * choosing only these steps is still a behaviour of the spec, and one the kernel can be made to follow:
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
final class ForceablePolicy implements Predicate<SpecModel.Step> {
    static final String ORIG = "orig";
    private static final Set<String> DEFRAG_STEPS = Set.of("LockInodes", "DrainDio", "MovePage", "Unlock");

    @Override
    public boolean test(SpecModel.Step st) {
        TLCState s = st.from();
        String name = st.name();
        List<Integer> dio = SpecState.dioBlocks(s);
        if (page1IoctlUnderWay(s) && dio.isEmpty()) {
            return DEFRAG_STEPS.contains(name);
        }
        if (!dio.isEmpty() && (name.equals("BufferedWrite") || name.equals("DioSubmit"))) {
            return false;
        }
        if (name.equals("MmapStore") && dio.contains(ScheduleStep.of(st).lblock())) {
            return false;
        }
        return true;
    }

    /** From the first lock (orig's i_rwsem, taken first) to the move of page 1. */
    static boolean page1IoctlUnderWay(TLCState s) {
        String step = SpecState.defragStep(s);
        return (step.equals("LockInodes") && SpecState.holdsRwsem(s, ORIG)) || step.equals("DrainDio")
                || (step.equals("MovePage") && SpecState.cursor(s) == 1);
    }
}
