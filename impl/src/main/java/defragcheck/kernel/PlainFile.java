package defragcheck.kernel;

import java.util.ArrayList;
import java.util.List;

import defragcheck.conformance.ScheduleStep;

/**
 * What a read of the orig must return after a sequence of actions, by the user-level guarantee the model checks
 * (its Integrity invariant: every read returns the last completed write): write n is the n-th BufferedWrite,
 * DioSubmit or MmapStore; a BufferedWrite or MmapStore completes at once, a DioSubmit at its DioComplete; the
 * defrag changes nothing; the initial content is generation 0. Derived from action names and parameters only.
 */
final class PlainFile {
    private PlainFile() {}

    /** The generation each of the {@code blocks} blocks (index lblock - 1) holds after {@code steps}. */
    static List<Long> after(List<ScheduleStep> steps, int blocks) {
        List<Long> last = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            last.add(0L);
        }
        int issued = 0;
        for (ScheduleStep s : steps) {
            switch (s.action()) {
                case "BufferedWrite", "MmapStore" -> last.set(s.lblock() - 1, (long) ++issued);
                case "DioSubmit" -> issued++;
                case "DioComplete" -> last.set(s.lblock() - 1, (long) s.write());
                default -> {
                }
            }
        }
        return last;
    }
}
