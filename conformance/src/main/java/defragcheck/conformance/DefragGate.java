package defragcheck.conformance;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import defragcheck.impl.defrag.MoveExtents;
import defragcheck.impl.observe.StepHook;

/**
 * The rig's hold on the defrags when it replays a schedule: each runs {@link MoveExtents#run()} in its own thread
 * and parks before every step until {@link #step} lets it go; {@link #step} returns once that step is over or the
 * defrag is observed blocked in it ({@link Blocking}), and a blocked step goes on by itself when the
 * implementation lets it. Any other actor's steps pass through. Taking two inodes' locks is two steps, so other
 * actors can run between them as in the spec.
 */
public final class DefragGate implements StepHook {
    /** How long a defrag may take to reach its next step, to end a step the spec has enabled, or to end when abandoned. */
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
        /** A step was let go and observed blocked, and is not known to be over (only the rig's thread uses it). */
        boolean blocked;
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

    /** Lets defrag {@code id}'s next step go; returns once it is over or observed blocked in it. */
    public Blocking.Outcome step(String id) throws IOException {
        Actor a = actors.get(id);
        if (blocked(id)) {
            throw new IllegalStateException("defrag " + id + " is still blocked in its last step");
        }
        letGo(a, id);
        if (Blocking.await(a.done, a.thread, "defrag " + id + "'s step") == Blocking.Outcome.BLOCKED) {
            a.blocked = true;
            return Blocking.Outcome.BLOCKED;
        }
        failIfFailed(a, id);
        return Blocking.Outcome.DONE;
    }

    /**
     * Lets defrag {@code id}'s next step go and waits for its end, for a replay of the spec's steps where the step is
     * enabled: a step that does not end within {@link #STEP_TIMEOUT_SECONDS} is an error.
     */
    public void stepToEnd(String id) throws IOException {
        Actor a = actors.get(id);
        letGo(a, id);
        awaitPermit(a.done, "defrag " + id + "'s step did not end: the implementation blocks where the spec has it enabled");
        failIfFailed(a, id);
    }

    /** Waits for the defrag to park before its next step, then lets that step go. */
    private static void letGo(Actor a, String id) throws IOException {
        awaitPermit(a.parked, id + " did not reach its next step");
        failIfFailed(a, id);
        a.grant.release();
    }

    /** Whether defrag {@code id}'s last step was observed blocked and has not ended since. */
    public boolean blocked(String id) {
        Actor a = actors.get(id);
        if (a.blocked && a.done.tryAcquire()) {
            a.blocked = false;
        }
        return a.blocked;
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
