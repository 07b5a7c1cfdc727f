package defragcheck.impl.observe;

/**
 * Called by every actor around each of its steps, before it takes any lock and after it released
 * them, in the actor's own thread.
 * A test scheduler can block in {@link #before} to stop an actor and let another run; without one, actors are
 * ordinary threads and the hook does nothing.
 */
public interface StepHook {
    /** One step about to happen or just done: who, which action, on which file and logical block (-1: range). */
    record Step(String actor, Action action, int ino, long lblock) {}

    StepHook NONE = new StepHook() {};

    default void before(Step step) {}

    default void after(Step step) {}
}
