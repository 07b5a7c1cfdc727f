package defragcheck.kernel;

import java.util.List;
import java.util.Set;

/**
 * Which next step of an XFS model's behaviour ({@code XfsFsr.tla}, {@code XfsExchange.tla}) a kernel schedule can
 * force in the order drawn, judged by the actions so far only (names, never the spec's variables). The kernel part
 * of each protocol (LockIo .. Unlock) is one ioctl with no pause point of its own:
 * <ul>
 * <li>Inside the ioctl (from LockIo to Unlock) only its own steps, and the completion of a held direct write: the
 * rig's held write is a synchronous pwrite that keeps IOLOCK shared, so the ioctl sleeps on IOLOCK until the
 * release, then runs on. Nothing else a user does can be placed inside the ioctl.</li>
 * <li>While a direct write is held: no buffered write (it needs IOLOCK exclusively, which the held write holds
 * shared: the kernel would block it) and no second direct write (one held write is enough to place a bio in
 * flight).</li>
 * </ul>
 * The users' contract (the spec's Uncontended) already keeps stores off a block with a write in flight.
 */
final class XfsForceable {
    private static final Set<String> IOCTL_STEPS = Set.of("LockIo", "LockMmap", "DrainDio", "WriteWait", "CheckFresh",
            "FlushUnmap2", "FlushUnmap1", "Exchange", "FlushOrig", "FlushTemp", "SwapForks", "Unlock");

    private static final Set<String> TOOL_STEPS = Set.of("Bulkstat", "FsyncOrig", "CopyBlock", "FsyncTemp", "LockIo",
            "LockMmap", "FlushOrig", "FlushTemp", "CheckFresh", "SwapForks", "Unlock");

    private XfsForceable() {}

    static boolean allows(List<String> before, String next) {
        boolean held = heldWrite(before);
        if (insideIoctl(before)) {
            return IOCTL_STEPS.contains(next) || (held && next.equals("DioComplete"));
        }
        return !(held && (next.equals("BufferedWrite") || next.equals("DioSubmit")));
    }

    /**
     * The same for xfs_fsr itself, which runs every defrag step from its bulkstat to SWAPEXT's return with no pause
     * point: inside it only its steps, and the completion of a held write once SWAPEXT sleeps on it (after LockIo;
     * earlier, the tool's own copy might or might not have read the block yet). An Unlock with the write still
     * held can be forced too: the rig then sees SWAPEXT wait for the release (finding F2).
     */
    static boolean allowsTool(List<String> before, String next) {
        if (!before.contains("Bulkstat") || before.contains("Unlock")) {
            return allows(before, next);
        }
        if (next.equals("DioComplete")) {
            return heldWrite(before) && before.contains("LockIo");
        }
        return TOOL_STEPS.contains(next);
    }

    /** Drawn walks on xfs_fsr avoid F2's order: the held write completes before SWAPEXT returns. */
    static boolean drawsTool(List<String> before, String next) {
        return allowsTool(before, next) && !(heldWrite(before) && next.equals("Unlock"));
    }

    /** A step xfs_fsr runs (from its bulkstat to SWAPEXT's return). */
    static boolean isToolStep(String action) {
        return TOOL_STEPS.contains(action);
    }

    static boolean isIoctlStep(String action) {
        return IOCTL_STEPS.contains(action);
    }

    /** From the first LockIo to Unlock. */
    static boolean insideIoctl(List<String> steps) {
        return steps.contains("LockIo") && !steps.contains("Unlock");
    }

    /** A DioSubmit not yet completed. */
    static boolean heldWrite(List<String> steps) {
        int n = 0;
        for (String s : steps) {
            n += s.equals("DioSubmit") ? 1 : s.equals("DioComplete") ? -1 : 0;
        }
        return n > 0;
    }
}
