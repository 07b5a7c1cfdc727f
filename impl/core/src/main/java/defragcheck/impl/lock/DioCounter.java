package defragcheck.impl.lock;

import java.io.InterruptedIOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * i_dio_count with inode_dio_begin / inode_dio_end / inode_dio_wait. Begin is called under i_rwsem (shared), so
 * a holder of i_rwsem exclusive that waits here sees the count only fall. Guarded by its own lock, held only
 * to count and to wait.
 */
public final class DioCounter {
    private final ReentrantLock guard = new ReentrantLock();
    private final Condition drained = guard.newCondition();
    /** Guarded by {@link #guard} for writes; read racily for observation. */
    private volatile int inFlight;

    public void begin() {
        guard.lock();
        try {
            inFlight++;
        } finally {
            guard.unlock();
        }
    }

    public void end() {
        guard.lock();
        try {
            if (inFlight == 0) {
                throw new IllegalStateException("dio count below zero");
            }
            if (--inFlight == 0) {
                drained.signalAll();
            }
        } finally {
            guard.unlock();
        }
    }

    /** inode_dio_wait: returns once no direct I/O of the inode is in flight. */
    public void await() throws InterruptedIOException {
        guard.lock();
        try {
            while (inFlight > 0) {
                drained.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted in inode_dio_wait");
        } finally {
            guard.unlock();
        }
    }

    public int inFlight() {
        return inFlight;
    }
}
