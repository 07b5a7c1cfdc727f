package defragcheck.impl.lock;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The one monitor inside which every atomic step of every actor runs (one spec action = one critical section).
 * Holding it while the step's block I/O happens keeps {@code abstractState()} snapshots between steps exact and
 * serialises all accesses to a block, which the DAX coherence rule relies on. Blocking waits (for an inode lock,
 * for the DIO drain) release it while they wait.
 */
public final class StateMonitor {
    /** A step's body; may do device I/O. */
    @FunctionalInterface
    public interface Body<T> {
        T run() throws IOException;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    /** Runs {@code body} atomically. */
    public <T> T atomically(Body<T> body) throws IOException {
        return when(() -> true, body);
    }

    /** Waits until {@code enabled} holds, then runs {@code body} atomically (the step's enabling condition). */
    public <T> T when(BooleanSupplier enabled, Body<T> body) throws IOException {
        lock.lock();
        try {
            while (!enabled.getAsBoolean()) {
                try {
                    changed.await(50, TimeUnit.MILLISECONDS); // the timeout only guards against a missed signal
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for a step to become enabled");
                }
            }
            return body.run();
        } finally {
            changed.signalAll();
            lock.unlock();
        }
    }

    public boolean heldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }
}
