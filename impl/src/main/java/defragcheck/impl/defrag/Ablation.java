package defragcheck.impl.defrag;

/**
 * Test-only: removes one step of drain-evict-copy-swap (the step still "runs", as a no-op), so conformance and
 * stress tests can show that they fail without it, i.e. that they have teeth. Never set in production use.
 */
public enum Ablation {
    NO_LOCKS, NO_INVALIDATE_LOCK, NO_DRAIN, NO_FLUSH, NO_EVICT, NO_COPY
}
