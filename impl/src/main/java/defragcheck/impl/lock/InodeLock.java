package defragcheck.impl.lock;

/**
 * An inode's i_rwsem or invalidate_lock. Only a defrag holds one exclusively across steps, so only its holder is
 * state; writers, DIO submitters and faults take it for the length of one atomic step, which the monitor makes
 * equivalent to requiring "not held exclusively" ({@link #isFree}). Ownership is by actor name, not by thread,
 * so a deterministic scheduler may drive every actor from one thread.
 * Guarded by the filesystem's {@link StateMonitor}.
 */
public final class InodeLock {
    private String holder;

    public boolean isFree() {
        return holder == null;
    }

    public String holder() {
        return holder;
    }

    public void acquire(String actor) {
        if (holder != null) {
            throw new IllegalStateException("lock held by " + holder + ", wanted by " + actor);
        }
        holder = actor;
    }

    public void release(String actor) {
        if (!actor.equals(holder)) {
            throw new IllegalStateException(actor + " releases a lock held by " + holder);
        }
        holder = null;
    }
}
