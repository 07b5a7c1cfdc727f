package defragcheck.impl.observe;

/**
 * The implementation's one instrumentation interface, a no-op in production ({@link #NONE}). Every actor calls
 * {@link #before} and {@link #after} around each of its steps, before it takes any lock and after it released
 * them, in its own thread: a test scheduler that replays the spec's steps on the implementation blocks in
 * {@code before}. Every step also calls {@link #linearized} once, at its linearization point, while it holds the
 * lock that orders it against every conflicting step: a recorder that appends these events in the order of the
 * calls gets a linearization of the run, which TLC can validate against the spec. Below the filesystem, the block
 * device reports every block written and every flush ({@link #deviceWritten}, {@link #deviceFlushed}) to the hook it
 * observes with, for crash exploration.
 */
public interface StepHook {
    /** One step about to happen or just done: who, which action, on which file and logical block (-1: range). */
    record Step(String actor, Action action, int ino, long lblock) {}

    /**
     * What a step did, at its linearization point: the device block it hit or captured ({@code -1}: none) and the
     * block's data it wrote or read ({@code null}: none). {@code data} is the caller's array, valid during the call.
     */
    record Event(String actor, Action action, int ino, long lblock, long blk, byte[] data) {}

    StepHook NONE = new StepHook() {};

    /** {@code first}'s calls, then {@code second}'s. */
    static StepHook both(StepHook first, StepHook second) {
        return new StepHook() {
            @Override
            public void before(Step step) {
                first.before(step);
                second.before(step);
            }

            @Override
            public void after(Step step) {
                first.after(step);
                second.after(step);
            }

            @Override
            public void linearized(Event event) {
                first.linearized(event);
                second.linearized(event);
            }

            @Override
            public void deviceWritten(long block, byte[] data) {
                first.deviceWritten(block, data);
                second.deviceWritten(block, data);
            }

            @Override
            public void deviceFlushed() {
                first.deviceFlushed();
                second.deviceFlushed();
            }
        };
    }

    default void before(Step step) {}

    default void after(Step step) {}

    default void linearized(Event event) {}

    /** The device completed a write of {@code block} ({@code data}: a private copy); see {@code BlockDevice#observe}. */
    default void deviceWritten(long block, byte[] data) {}

    /** The device completed a flush: every write reported before it is durable. */
    default void deviceFlushed() {}
}
