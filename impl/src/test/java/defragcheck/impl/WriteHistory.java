package defragcheck.impl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import defragcheck.impl.observe.BlockValue;

/**
 * The writes to each logical block of orig, in issue order, with the epochs they may be seen from and must be seen
 * from: what a crash state may hold there. A state of epoch {@code j} (flushes 0..j-1 done) must hold the last write
 * durable by then (fsync returned before flush j-1 ended; the pre-defrag content is durable from the start) or a
 * write issued after it and no later than epoch j; nothing older, no garbage, no other block's data.
 */
final class WriteHistory {
    static final int NEVER = Integer.MAX_VALUE;

    /** One user write; {@code durableEpoch} is set when an fsync covering it returns. */
    static final class UserWrite {
        final BlockValue value;
        final int submitEpoch;
        volatile int durableEpoch = NEVER;

        UserWrite(BlockValue value, int submitEpoch) {
            this.value = value;
            this.submitEpoch = submitEpoch;
        }
    }

    private final Map<Long, List<UserWrite>> writes = new ConcurrentHashMap<>();

    /** The content a block had when recording began (durable: the setup synced and checkpointed it). */
    void initial(long lblock, BlockValue value) {
        UserWrite w = issued(lblock, value, 0);
        w.durableEpoch = 0;
    }

    /** A write issued when {@code submitEpoch} flushes had completed (callers read it before issuing: a lower bound). */
    UserWrite issued(long lblock, BlockValue value, int submitEpoch) {
        UserWrite w = new UserWrite(value, submitEpoch);
        List<UserWrite> list = writes.computeIfAbsent(lblock, k -> new ArrayList<>());
        synchronized (list) {
            list.add(w);
        }
        return w;
    }

    Set<Long> lblocks() {
        return writes.keySet();
    }

    /** The values a crash state of epoch {@code epoch} may show at {@code lblock}. */
    Set<BlockValue> allowed(long lblock, int epoch) {
        List<UserWrite> list = writes.get(lblock);
        synchronized (list) {
            int lastDurable = 0;
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).durableEpoch <= epoch) {
                    lastDurable = i;
                }
            }
            Set<BlockValue> out = new HashSet<>();
            for (int i = lastDurable; i < list.size(); i++) {
                if (list.get(i).submitEpoch <= epoch) {
                    out.add(list.get(i).value);
                }
            }
            return out;
        }
    }
}
