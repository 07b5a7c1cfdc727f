package defragcheck.conformance;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Whether an actor's operation blocks is observed, never predicted: the rig hands the operation to the actor's
 * own thread and waits until it is over or the thread has stayed parked (waiting on a lock, a condition or the
 * drain) for {@link #PARKED_MILLIS} while it was not over. A blocked operation goes on by itself once the
 * implementation lets it; what it did is in the event log. A thread parked for a shorter while is only slowed, so
 * the rig waits on. A thread slowed for longer (say, on a class-loading lock of a busy JVM) counts as blocked: the
 * rig then takes another actor's step first, which changes the order of the run, never what is checked of it.
 */
final class Blocking {
    /** How long a thread must stay parked, its operation not over, to count as blocked. */
    static final long PARKED_MILLIS = 50;
    /** How long an operation may run without ending or parking before the rig gives up on it. */
    static final long STUCK_SECONDS = 60;

    enum Outcome { DONE, BLOCKED }

    private Blocking() {}

    /** Waits for one permit of {@code done} (the operation is over) or until {@code thread} is observed blocked. */
    static Outcome await(Semaphore done, Thread thread, String what) throws IOException {
        long parkedSince = -1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STUCK_SECONDS);
        try {
            while (!done.tryAcquire(1, TimeUnit.MILLISECONDS)) {
                if (!thread.isAlive()) {
                    return Outcome.DONE; // it ended (failed or finished): the caller looks at why
                }
                boolean parked = switch (thread.getState()) {
                    case WAITING, TIMED_WAITING, BLOCKED -> true;
                    default -> false;
                };
                long now = System.nanoTime();
                if (!parked) {
                    parkedSince = -1;
                } else if (parkedSince < 0) {
                    parkedSince = now;
                } else if (now - parkedSince >= TimeUnit.MILLISECONDS.toNanos(PARKED_MILLIS)) {
                    return Outcome.BLOCKED;
                }
                if (now > deadline) {
                    throw new IOException(what + " neither ended nor blocked within " + STUCK_SECONDS + " s");
                }
            }
            return Outcome.DONE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException(what);
        }
    }
}
