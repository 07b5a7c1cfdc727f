package defragcheck.impl.defrag;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How a move runs: its actor id (lock holder name, key of its step in the abstract state), the number of threads
 * copyData reads with (positional I/O, so that many requests are outstanding), and test-only ablations.
 */
public record DefragOptions(String id, int copyThreads, Set<Ablation> ablations) {
    public static final int DEFAULT_COPY_THREADS = 4;

    public DefragOptions {
        if (copyThreads < 1) {
            throw new IllegalArgumentException("copyThreads must be at least 1");
        }
        ablations = ablations.isEmpty() ? EnumSet.noneOf(Ablation.class) : EnumSet.copyOf(ablations);
    }

    private static final AtomicLong IDS = new AtomicLong();

    /** A unique id ("defrag-N"), {@link #DEFAULT_COPY_THREADS} copy threads, no ablation. */
    public static DefragOptions defaults() {
        return new DefragOptions("defrag-" + IDS.incrementAndGet(), DEFAULT_COPY_THREADS, Set.of());
    }

    public DefragOptions withId(String newId) {
        return new DefragOptions(newId, copyThreads, ablations);
    }

    public DefragOptions withCopyThreads(int n) {
        return new DefragOptions(id, n, ablations);
    }

    /** Test-only: see {@link Ablation}. */
    public DefragOptions without(Ablation a) {
        Set<Ablation> s = EnumSet.noneOf(Ablation.class);
        s.addAll(ablations);
        s.add(a);
        return new DefragOptions(id, copyThreads, s);
    }

    public boolean removed(Ablation a) {
        return ablations.contains(a);
    }
}
