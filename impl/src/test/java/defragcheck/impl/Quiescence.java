package defragcheck.impl;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import defragcheck.impl.observe.StepHook;

/**
 * Test instrumentation: lets an observer look at a free-running filesystem between steps. Every step is counted
 * from its hook's {@code before} to its {@code after}; {@link #whenQuiet} holds new steps at {@code before} and
 * runs its body once no step is under way. A step blocked on an inode lock counts as under way (it cannot be told
 * from one that has begun changing state), so while one is, the observer gives up after its timeout and the run
 * goes on: observations happen only at instants where every actor is between steps.
 */
final class Quiescence implements StepHook {
    /** What the observer does at a quiet instant. */
    interface Observation {
        void run() throws Exception;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Guarded by {@link #lock}: steps between before and after. */
    private int active;
    /** Guarded by {@link #lock}: an observer wants the actors held. */
    private boolean holding;

    @Override
    public void before(Step step) {
        lock.lock();
        try {
            while (holding) {
                changed.awaitUninterruptibly();
            }
            active++;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void after(Step step) {
        lock.lock();
        try {
            active--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code body} at an instant with no step under way, if one comes within {@code timeoutMillis}; returns whether it ran. */
    boolean whenQuiet(long timeoutMillis, Observation body) throws Exception {
        lock.lock();
        try {
            holding = true;
            long left = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (active > 0 && left > 0) {
                left = changed.awaitNanos(left);
            }
            if (active > 0) {
                return false;
            }
            body.run();
            return true;
        } finally {
            holding = false;
            changed.signalAll();
            lock.unlock();
        }
    }
}
