package defragcheck.impl.lock;

import java.io.InterruptedIOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A kernel rw_semaphore (i_rwsem, invalidate_lock): many shared holders or one exclusive holder. A waiting
 * exclusive locker holds back new shared lockers (as the kernel's rwsem hand-off does), so a defrag is not starved
 * by a stream of direct I/O submissions.
 *
 * <p>The exclusive holder is named by actor, not by thread (like {@code up_write_non_owner}): a deterministic
 * scheduler may take a defrag's lock in one thread and an abandoned defrag is unlocked from another. Shared holds
 * are counted, not named. The semaphore's own state is guarded by {@link #guard}, held only to change it, never
 * while its holder works.
 */
public final class RwSemaphore {
    private final ReentrantLock guard = new ReentrantLock();
    private final Condition changed = guard.newCondition();
    /** Guarded by {@link #guard}: the exclusive holder, or null. */
    private volatile String exclusive;
    /** Guarded by {@link #guard}: shared holds. */
    private int shared;
    /** Guarded by {@link #guard}: exclusive lockers waiting (they hold back new shared lockers). */
    private int exclusiveWaiting;

    /** down_write: waits until there is no holder, then holds the semaphore exclusively as {@code actor}. */
    public void downWrite(String actor) throws InterruptedIOException {
        guard.lock();
        try {
            exclusiveWaiting++;
            try {
                while (exclusive != null || shared > 0) {
                    await(actor + " waiting for exclusive hold (held by " + describe() + ")");
                }
            } finally {
                exclusiveWaiting--;
            }
            exclusive = actor;
        } finally {
            guard.unlock();
        }
    }

    /** up_write by the actor that holds it. */
    public void upWrite(String actor) {
        guard.lock();
        try {
            if (!actor.equals(exclusive)) {
                throw new IllegalStateException(actor + " releases a semaphore held by " + describe());
            }
            exclusive = null;
            changed.signalAll();
        } finally {
            guard.unlock();
        }
    }

    /** down_read: waits until there is no exclusive holder nor an exclusive locker waiting. */
    public void downRead() throws InterruptedIOException {
        guard.lock();
        try {
            while (exclusive != null || exclusiveWaiting > 0) {
                await("waiting for a shared hold (held by " + describe() + ")");
            }
            shared++;
        } finally {
            guard.unlock();
        }
    }

    public void upRead() {
        guard.lock();
        try {
            if (shared == 0) {
                throw new IllegalStateException("up_read without a shared hold");
            }
            shared--;
            if (shared == 0) {
                changed.signalAll();
            }
        } finally {
            guard.unlock();
        }
    }

    private void await(String what) throws InterruptedIOException {
        try {
            changed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted: " + what);
        }
    }

    /** The exclusive holder, or null (a racy read unless the caller holds it or the system is quiescent). */
    public String holder() {
        return exclusive;
    }

    /** No exclusive holder (a racy read, for observation and assertions). */
    public boolean isFree() {
        return exclusive == null;
    }

    public boolean heldExclusivelyBy(String actor) {
        return actor.equals(exclusive);
    }

    /** Some holder, shared or exclusive (for assertions of a held lock). */
    public boolean isLocked() {
        guard.lock();
        try {
            return exclusive != null || shared > 0;
        } finally {
            guard.unlock();
        }
    }

    private String describe() {
        return exclusive != null ? exclusive : shared > 0 ? shared + " shared holders" : "nobody";
    }
}
