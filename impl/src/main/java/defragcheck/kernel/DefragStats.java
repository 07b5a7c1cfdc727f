package defragcheck.kernel;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import defragcheck.kernel.sys.Errno;

/** What a defrag loop did: passes over the file, successful moves/swaps, blocks moved, refusals by errno. */
public final class DefragStats {
    public final AtomicLong passes = new AtomicLong();
    public final AtomicLong moves = new AtomicLong();
    public final AtomicLong blocksMoved = new AtomicLong();
    private final Map<String, Long> refusals = new TreeMap<>();

    public synchronized void refused(int errno) {
        refusals.merge(Errno.name(errno), 1L, Long::sum);
    }

    public synchronized void refused(String what) {
        refusals.merge(what, 1L, Long::sum);
    }

    public synchronized long refusals(String name) {
        return refusals.getOrDefault(name, 0L);
    }

    public synchronized Map<String, Long> refusals() {
        return new TreeMap<>(refusals);
    }

    @Override
    public synchronized String toString() {
        return "passes " + passes + ", moves " + moves + ", blocks moved " + blocksMoved + ", refusals " + refusals;
    }
}
