package defragcheck.impl.fs;

/**
 * Test-only: removes one part of the crash-safety protocol, so the crash exploration can show that it finds the
 * resulting bugs (that it has teeth). Never set in production use. The crash ablation models of spec/DecsCrash.tla,
 * in the same order: DecsCrashNoBarrier, DecsCrashNoIntent, DecsCrashNoReplay.
 */
public enum CrashAblation {
    /** Commit records are written without the flush that makes the intent and the copied data durable first. */
    NO_BARRIER,
    /** A defrag's swap is applied to the home metadata in place, one logical block per transaction (ext4's per-page transactions). */
    NO_INTENT,
    /** Recovery ignores the journal: opening loads the home metadata as it is. */
    NO_REPLAY
}
