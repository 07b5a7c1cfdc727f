package defragcheck.conformance;

import java.io.IOException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The users of a rig as one thread that runs the operations it is given one at a time, so that an operation the
 * implementation blocks (a write behind a defrag's i_rwsem, a fault behind its invalidate_lock) waits in its own
 * thread while the rig runs the defrag on; see {@link Blocking}.
 */
final class UserThread implements AutoCloseable {
    @FunctionalInterface
    interface Operation {
        void run() throws IOException;
    }

    private static final Operation STOP = () -> {};

    private final LinkedBlockingQueue<Operation> work = new LinkedBlockingQueue<>();
    private final Semaphore done = new Semaphore(0);
    private final Thread thread;
    /** Set by the thread when an operation fails; read by the rig at its next call. */
    private volatile Throwable failure;
    /** Whether an operation was handed over and is not over (only the rig's thread writes it). */
    private boolean busy;

    UserThread() {
        thread = new Thread(this::loop, "users");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (true) {
            Operation op;
            try {
                op = work.take();
            } catch (InterruptedException e) {
                return;
            }
            if (op == STOP) {
                return;
            }
            try {
                op.run();
            } catch (Throwable e) {
                failure = e;
            }
            done.release();
        }
    }

    /** Hands {@code op} over (the thread must be idle) and returns once it is over or observed blocked. */
    Blocking.Outcome run(String what, Operation op) throws IOException {
        if (busy()) {
            throw new IllegalStateException("the users' thread is still blocked in an earlier operation");
        }
        work.add(op);
        busy = true;
        if (Blocking.await(done, thread, what) == Blocking.Outcome.BLOCKED) {
            return Blocking.Outcome.BLOCKED;
        }
        busy = false;
        rethrow(what);
        return Blocking.Outcome.DONE;
    }

    /** Whether an operation handed over is still not over (it blocked and has not gone on yet). */
    boolean busy() {
        if (busy && done.tryAcquire()) {
            busy = false;
        }
        return busy;
    }

    /** Waits up to {@code seconds} for a blocked operation to end; whether it did. */
    boolean awaitIdle(long seconds) throws IOException {
        try {
            if (busy && done.tryAcquire(seconds, TimeUnit.SECONDS)) {
                busy = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("waiting for the users' thread");
        }
        rethrow("a users' operation");
        return !busy;
    }

    private void rethrow(String what) throws IOException {
        Throwable f = failure;
        if (f != null) {
            failure = null;
            throw new IOException(what + " failed: " + f, f);
        }
    }

    /** Stops the thread once its operation (if any) is over. */
    @Override
    public void close() {
        work.add(STOP);
    }
}
