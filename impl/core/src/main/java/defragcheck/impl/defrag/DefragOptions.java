package defragcheck.impl.defrag;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How a move runs: its actor id (lock holder name, key of its step in the abstract state) and the number of threads
 * copyData reads with (positional I/O, so that many requests are outstanding).
 */
public record DefragOptions(String id, int copyThreads) {
    public static final int DEFAULT_COPY_THREADS = 4;

    public DefragOptions {
        if (copyThreads < 1) {
            throw new IllegalArgumentException("copyThreads must be at least 1");
        }
    }

    private static final AtomicLong IDS = new AtomicLong();

    /** A unique id ("defrag-N"), {@link #DEFAULT_COPY_THREADS} copy threads. */
    public static DefragOptions defaults() {
        return new DefragOptions("defrag-" + IDS.incrementAndGet(), DEFAULT_COPY_THREADS);
    }

    public DefragOptions withId(String newId) {
        return new DefragOptions(newId, copyThreads);
    }

    public DefragOptions withCopyThreads(int n) {
        return new DefragOptions(id, n);
    }
}
