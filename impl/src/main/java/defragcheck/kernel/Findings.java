package defragcheck.kernel;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import defragcheck.conformance.ScheduleStep;

/**
 * Disagreements between the kernel and a model that forced schedules found and that are understood. They stay
 * disagreements (the table says NO, the `kernel` command exits 1); naming them lets a test pin each one and fail
 * on any other.
 *
 * <p>F1, found 2026-11-30 on 6.18: a write fault (MmapFault) on a block while a direct write to it is in flight.
 * The spec's DioComplete drops the cached page and its mapping unconditionally. The kernel's post-write
 * invalidation (kiocb_invalidate_post_direct_write, invalidate_inode_pages2_range) cannot drop a page that is
 * dirty, so the page the fault filled before the data landed stays: later buffered reads return the value from
 * before the direct write, and the mapping's error is set, so the next writeback or fsync fails with EIO
 * (dmesg: "Page cache invalidation failure on direct I/O. Possible data corruption due to collision with
 * buffered I/O!"). The spec therefore states the users' contract this race breaks (Environment.tla,
 * Uncontended); its behaviours never contain the schedule, and the F1 test forces it on a model whose cfg drops the
 * contract, where the spec's DioComplete drops the page and the kernel keeps it.
 */
public final class Findings {
    /**
     * F2, found 2026-11-30 on 6.18 (TLC's XfsFsrDirectTicking counterexample forced by {@link XfsModelSchedules}): the model's writer is an
     * async O_DIRECT write whose bio is in flight after it dropped IOLOCK; SWAPEXT then swaps without waiting
     * (xfs_swap_extents has no inode_dio_wait). The rig holds a synchronous O_DIRECT pwrite at its data transfer
     * (userfaultfd), which keeps IOLOCK (i_rwsem) shared, so SWAPEXT sleeps in lock_two_nondirectories (state D) until the write
     * is released. The write then lands in the target's old block 1 before the swap, the freshness check passes
     * (its timestamp moved before the sample) and the swap gives that block to the temp: the acknowledged write is
     * lost all the same, as the model says. The step order differs (DioComplete inside SWAPEXT), not the verdict.
     */
    public static final String F2 = "F2: SWAPEXT waits for a held synchronous direct write's IOLOCK (the model's async writer has dropped it); the write is lost all the same";
    public static final String F1 = "F1: write fault during an in-flight direct write keeps a stale dirty page (outside the users' contract, Uncontended)";

    private Findings() {}

    /** The known finding whose pattern {@code steps} contains, or null. */
    static String match(List<ScheduleStep> steps) {
        Set<Integer> inFlight = new HashSet<>();
        for (ScheduleStep s : steps) {
            switch (s.action()) {
                case "DioSubmit" -> inFlight.add(s.lblock());
                case "DioComplete" -> inFlight.remove(s.lblock());
                case "MmapFault" -> {
                    if (inFlight.contains(s.lblock())) {
                        return F1;
                    }
                }
                default -> {
                }
            }
        }
        return null;
    }

    /** The known finding a forced XFS schedule of {@code model} with these {@code disagreements} shows, or null. */
    static String matchXfs(String model, List<String> disagreements) {
        boolean onlyWaited = !disagreements.isEmpty() && disagreements.stream().allMatch(d -> d.startsWith("SWAPEXT blocked"));
        return model.equals("XfsFsrDirectTicking") && onlyWaited ? F2 : null;
    }
}
