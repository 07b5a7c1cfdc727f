package defragcheck.conformance;

import java.io.IOException;
import java.util.Set;

import defragcheck.impl.defrag.DefragOptions;
import defragcheck.impl.defrag.DrainEvictCopySwap;
import defragcheck.impl.defrag.MoveExtentRequest;

/**
 * Drain-evict-copy-swap with some steps removed, for the teeth tests: a removed step still runs as a step (its
 * hook calls, its place in the plan), doing nothing, as the ablation model's skip does. The lock-precondition asserts
 * of the real steps are waived for a lock step that is removed (its locks are never held). The production protocol
 * has no such switch; this subclass is the only way to run it without a step.
 */
public final class DecsWithoutStep extends DrainEvictCopySwap {
    private final Set<RemovableStep> removed;

    /** Validates {@code req} as {@link defragcheck.impl.defrag.MoveExtents#create} does. */
    public DecsWithoutStep(MoveExtentRequest req, DefragOptions opts, Set<RemovableStep> removed) throws IOException {
        super(req, opts);
        this.removed = Set.copyOf(removed);
    }

    @Override
    public void lockInodes() throws IOException {
        if (!skipped(RemovableStep.LOCK_INODES)) {
            super.lockInodes();
        }
    }

    @Override
    public void lockInvalidate() throws IOException {
        if (!skipped(RemovableStep.LOCK_INVALIDATE)) {
            super.lockInvalidate();
        }
    }

    @Override
    public void drainDio() throws IOException {
        if (!skipped(RemovableStep.DRAIN_DIO)) {
            super.drainDio();
        }
    }

    @Override
    public void flushCache() throws IOException {
        if (!skipped(RemovableStep.FLUSH_CACHE)) {
            super.flushCache();
        }
    }

    @Override
    public void evictCache() throws IOException {
        if (!skipped(RemovableStep.EVICT_CACHE)) {
            super.evictCache();
        }
    }

    @Override
    public void copyData() throws IOException {
        if (!skipped(RemovableStep.COPY_DATA)) {
            super.copyData();
        }
    }

    @Override
    protected boolean holdsInodeLocks() {
        return removed.contains(RemovableStep.LOCK_INODES) || super.holdsInodeLocks();
    }

    @Override
    protected boolean holdsInvalidateLocks() {
        return removed.contains(RemovableStep.LOCK_INVALIDATE) || super.holdsInvalidateLocks();
    }

    /** If {@code step} is removed, passes it (one hook step that changes nothing) and returns true. */
    private boolean skipped(RemovableStep step) {
        if (!removed.contains(step)) {
            return false;
        }
        end(begin(step.action(), -1));
        return true;
    }
}
