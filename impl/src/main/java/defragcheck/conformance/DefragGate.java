package defragcheck.conformance;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import defragcheck.impl.defrag.MoveExtents;
import defragcheck.impl.observe.StepHook;

/**
 * The deterministic scheduler's hold on the defrags: each runs {@link MoveExtents#run()} in its own thread and
 * parks before every step until {@link #step} grants it; {@link #step} returns once that step is over. Any other
 * actor's steps pass through (the scheduler runs them on its own thread). Taking two inodes' locks is two steps,
 * so other actors can run between them as in the spec.
 */
public final class DefragGate implements StepHook {
    /** How long a granted step may take before it counts as blocked (the implementation waits where the spec does not). */
    static final long STEP_TIMEOUT_SECONDS = 20;

    /** Thrown in a parked defrag's thread when the scenario ends before the defrag does. */
    static final class Abandoned extends RuntimeException {
        Abandoned() {
            super("scenario over", null, false, false);
        }
    }

    private static final class Actor {
        final Semaphore parked = new Semaphore(0);
        final Semaphore grant = new Semaphore(0);
        final Semaphore done = new Semaphore(0);
        volatile boolean abandoned;
        volatile Throwable failure;
        Thread thread;
    }

    private final Map<String, Actor> actors = new ConcurrentHashMap<>();

    /** Starts {@code mover}'s thread; it parks before its first step. */
    public void start(MoveExtents mover) {
        Actor a = new Actor();
        actors.put(mover.id(), a);
        a.thread = new Thread(() -> {
            try {
                mover.run();
            } catch (Abandoned e) {
                // the scenario ended first: run() released the locks
            } catch (IOException | RuntimeException e) {
                a.failure = e;
            } finally {
                a.parked.release(); // a step() waiting for the next park sees the end instead
            }
        }, "defrag-" + mover.id());
        a.thread.setDaemon(true);
        a.thread.start();
    }

    /** Runs defrag {@code id}'s next step to its end. */
    public void step(String id) throws IOException {
        Actor a = actors.get(id);
        awaitPermit(a.parked, id + " did not reach its next step");
        failIfFailed(a, id);
        a.grant.release();
        awaitPermit(a.done, id + "'s step did not end: the implementation blocks where the spec has it enabled");
        failIfFailed(a, id);
    }

    private static void awaitPermit(Semaphore s, String what) throws IOException {
        try {
            if (!s.tryAcquire(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException(what + " within " + STEP_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException(what);
        }
    }

    private static void failIfFailed(Actor a, String id) throws IOException {
        if (a.failure != null) {
            throw new IOException("defrag " + id + " failed: " + a.failure, a.failure);
        }
    }

    @Override
    public void before(Step step) {
        Actor a = actors.get(step.actor());
        if (a == null || Thread.currentThread() != a.thread) {
            return;
        }
        a.parked.release();
        a.grant.acquireUninterruptibly();
        if (a.abandoned) {
            throw new Abandoned();
        }
    }

    @Override
    public void after(Step step) {
        Actor a = actors.get(step.actor());
        if (a != null && Thread.currentThread() == a.thread) {
            a.done.release();
        }
    }

    /** Ends every defrag thread still parked (releasing its locks) and waits for it. */
    public void abandonAll() {
        for (Actor a : actors.values()) {
            a.abandoned = true;
            a.grant.release();
            try {
                a.thread.join(TimeUnit.SECONDS.toMillis(STEP_TIMEOUT_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
