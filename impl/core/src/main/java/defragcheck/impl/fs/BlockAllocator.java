package defragcheck.impl.fs;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** The allocation bitmap of data blocks (metadata blocks are permanently in use). Guarded by the filesystem's metadata lock. */
public final class BlockAllocator {
    private final BitSet used;
    private final long dataStart;
    private final long totalBlocks;

    BlockAllocator(BitSet used, long dataStart, long totalBlocks) {
        this.used = used;
        this.dataStart = dataStart;
        this.totalBlocks = totalBlocks;
    }

    static BlockAllocator fresh(long dataStart, long totalBlocks) {
        BitSet b = new BitSet();
        b.set(0, (int) dataStart);
        return new BlockAllocator(b, dataStart, totalBlocks);
    }

    BitSet bitmap() {
        return used;
    }

    public boolean isUsed(long block) {
        return used.get((int) block);
    }

    public long freeBlocks() {
        return totalBlocks - used.cardinality();
    }

    /** First free run of exactly {@code count} contiguous blocks, or -1. */
    public long findContiguous(long count) {
        int from = (int) dataStart;
        while (from < totalBlocks) {
            int start = used.nextClearBit(from);
            if (start >= totalBlocks) {
                return -1;
            }
            int end = Math.min(used.nextSetBit(start) < 0 ? (int) totalBlocks : used.nextSetBit(start), (int) totalBlocks);
            if (end - start >= count) {
                return start;
            }
            from = end;
        }
        return -1;
    }

    /** The length of the longest free run. */
    public long largestFreeRun() {
        return freeRuns().stream().mapToLong(r -> r[1]).max().orElse(0);
    }

    /** Every maximal free run (start, length) of the data area, in block order. */
    private List<long[]> freeRuns() {
        List<long[]> runs = new ArrayList<>();
        int from = (int) dataStart;
        while (from < totalBlocks) {
            int start = used.nextClearBit(from);
            if (start >= totalBlocks) {
                break;
            }
            int next = used.nextSetBit(start);
            int end = next < 0 ? (int) totalBlocks : Math.min(next, (int) totalBlocks);
            runs.add(new long[] {start, end - start});
            from = end;
        }
        return runs;
    }

    /** Free runs (start, length) covering {@code count} blocks, largest first, or null if there is not enough space. */
    public List<long[]> findRuns(long count) {
        List<long[]> runs = freeRuns();
        runs.sort((a, b) -> Long.compare(b[1], a[1]));
        List<long[]> chosen = new ArrayList<>();
        long need = count;
        for (long[] r : runs) {
            if (need == 0) {
                break;
            }
            long take = Math.min(need, r[1]);
            chosen.add(new long[] {r[0], take});
            need -= take;
        }
        return need == 0 ? chosen : null;
    }

    void markUsed(long start, long count) {
        for (long b = start; b < start + count; b++) {
            if (b < dataStart || b >= totalBlocks || used.get((int) b)) {
                throw new IllegalStateException("allocating block " + b + " which is metadata, outside the device or in use");
            }
        }
        used.set((int) start, (int) (start + count));
    }

    void markFree(long start, long count) {
        for (long b = start; b < start + count; b++) {
            if (b < dataStart || !used.get((int) b)) {
                throw new IllegalStateException("freeing block " + b + " which is metadata or already free");
            }
        }
        used.clear((int) start, (int) (start + count));
    }
}
