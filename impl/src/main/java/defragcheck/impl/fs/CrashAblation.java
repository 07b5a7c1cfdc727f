package defragcheck.impl.fs;

/**
 * Test-only: removes one part of the crash-safety protocol, so the crash exploration can show that it finds the
 * resulting bugs (that it has teeth). Never set in production use.
 */
public enum CrashAblation {
    /** Commit records are written without the flush that makes the intent and the copied data durable first. */
    NO_BARRIER,
    /** A defrag's swap is applied to the home metadata in place, in pieces (orig's, then donor's, per segment). */
    NO_INTENT,
    /** Opening loads the home metadata and ignores the journal. */
    IGNORE_JOURNAL
}
