package defragcheck.impl;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import defragcheck.impl.observe.Action;
import defragcheck.impl.observe.StepHook;

/** A one-shot scheduler: stops the actor that is about to take {@code action} until {@link #release}. */
final class PausingHook implements StepHook {
    private final String actor;
    private final Action action;
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    PausingHook(String actor, Action action) {
        this.actor = actor;
        this.action = action;
    }

    @Override
    public void before(Step step) {
        if (step.actor().equals(actor) && step.action() == action && reached.getCount() > 0) {
            reached.countDown();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether the actor reached the step within the time (it may be blocked earlier, e.g. in the drain). */
    boolean awaitPaused(long millis) throws InterruptedException {
        return reached.await(millis, TimeUnit.MILLISECONDS);
    }

    void release() {
        released.countDown();
    }
}
