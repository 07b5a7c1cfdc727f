package defragcheck.conformance;

import defragcheck.impl.observe.Action;

/**
 * A step of drain-evict-copy-swap that {@link DecsWithoutStep} can remove: each ablation model's cfg replaces one of
 * these actions by a skip ({@code DrainDio <- SkipDrainDio} in model/DecsNoDrain.cfg).
 */
public enum RemovableStep {
    LOCK_INODES(Action.LockInodes),
    LOCK_INVALIDATE(Action.LockInvalidate),
    DRAIN_DIO(Action.DrainDio),
    FLUSH_CACHE(Action.FlushCache),
    EVICT_CACHE(Action.EvictCache),
    COPY_DATA(Action.CopyData);

    private final Action action;

    RemovableStep(Action action) {
        this.action = action;
    }

    public Action action() {
        return action;
    }

    /** The removable step that is the spec's action {@code name}, or null if that action cannot be removed. */
    public static RemovableStep ofAction(String name) {
        for (RemovableStep r : values()) {
            if (r.action.name().equals(name)) {
                return r;
            }
        }
        return null;
    }
}
