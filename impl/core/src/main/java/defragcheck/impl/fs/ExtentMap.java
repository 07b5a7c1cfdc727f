package defragcheck.impl.fs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A file's extent map: logical block → physical block, each extent written or unwritten (reads as zeros).
 * Adjacent extents that continue each other are merged, so its size is the file's fragmentation.
 * Not thread-safe: guarded by its inode's i_data_sem, mutated only by metadata transactions. {@link #generation}
 * counts changes, so a reader that drops i_data_sem before its I/O can tell whether the map moved under it.
 */
public final class ExtentMap {
    private final TreeMap<Long, Extent> byStart = new TreeMap<>();
    /** Changes so far; written under i_data_sem (write), read without it (a seqcount). */
    private volatile long generation;

    public ExtentMap() {}

    public ExtentMap(List<Extent> extents) {
        for (Extent e : extents) {
            replace(e.lblock(), e.length(), List.of(e));
        }
    }

    /** How often the map changed: equal before and after a lock-free read means nothing moved in between. */
    public long generation() {
        return generation;
    }

    /** The extent covering {@code lblock}, or null for a hole. */
    public Extent find(long lblock) {
        Map.Entry<Long, Extent> e = byStart.floorEntry(lblock);
        return e != null && e.getValue().lend() > lblock ? e.getValue() : null;
    }

    /** Physical block of {@code lblock}, or -1 for a hole. */
    public long physical(long lblock) {
        Extent e = find(lblock);
        return e == null ? -1 : e.physical(lblock);
    }

    public boolean isUnwritten(long lblock) {
        Extent e = find(lblock);
        return e != null && e.unwritten();
    }

    /** The mapped pieces of logical [from, from+count), clipped, in logical order; holes are absent. */
    public List<Extent> pieces(long from, long count) {
        long to = from + count;
        List<Extent> out = new ArrayList<>();
        Map.Entry<Long, Extent> first = byStart.floorEntry(from);
        Long start = first != null ? first.getKey() : from;
        for (Extent e : byStart.tailMap(start, true).values()) {
            if (e.lblock() >= to) {
                break;
            }
            Extent c = e.clip(from, to);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * Replaces whatever maps logical [from, from+count) by {@code pieces} (which must lie inside it and not overlap).
     * Costs O(log n) per extent removed or inserted, so a swap is O(extents), never O(blocks).
     */
    public void replace(long from, long count, List<Extent> pieces) {
        generation++;
        long to = from + count;
        List<Extent> merged = normalized(pieces, from, to);
        Extent left = find(from);
        Extent right = find(to - 1);
        if (left != null) {
            byStart.remove(left.lblock());
        }
        if (right != null) {
            byStart.remove(right.lblock());
        }
        byStart.subMap(from, true, to, false).clear();
        if (left != null && left.lblock() < from) {
            put(new Extent(left.lblock(), left.pblock(), from - left.lblock(), left.unwritten()));
        }
        if (right != null && right.lend() > to) {
            put(new Extent(to, right.physical(to), right.lend() - to, right.unwritten()));
        }
        for (Extent p : merged) {
            put(p);
        }
        mergeAround(from);
        mergeAround(to);
    }

    /** Sorted, adjacent continuing pieces merged; rejects pieces outside [from, to) or overlapping. */
    private static List<Extent> normalized(List<Extent> pieces, long from, long to) {
        List<Extent> sorted = new ArrayList<>(pieces);
        sorted.sort((a, b) -> Long.compare(a.lblock(), b.lblock()));
        List<Extent> out = new ArrayList<>(sorted.size());
        for (Extent p : sorted) {
            if (p.lblock() < from || p.lend() > to) {
                throw new IllegalArgumentException("piece " + p + " outside [" + from + "," + to + ")");
            }
            Extent last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.lend() > p.lblock()) {
                throw new IllegalArgumentException("overlapping pieces " + last + " and " + p);
            }
            if (last != null && last.continuedBy(p)) {
                out.set(out.size() - 1, new Extent(last.lblock(), last.pblock(), last.length() + p.length(), last.unwritten()));
            } else {
                out.add(p);
            }
        }
        return out;
    }

    private void put(Extent e) {
        byStart.put(e.lblock(), e);
    }

    private void mergeAround(long lblock) {
        Map.Entry<Long, Extent> at = byStart.floorEntry(lblock);
        if (at == null) {
            return;
        }
        Map.Entry<Long, Extent> before = byStart.lowerEntry(at.getKey());
        Extent cur = at.getValue();
        if (before != null && before.getValue().continuedBy(cur)) {
            Extent b = before.getValue();
            byStart.remove(cur.lblock());
            cur = new Extent(b.lblock(), b.pblock(), b.length() + cur.length(), b.unwritten());
            put(cur);
        }
        Map.Entry<Long, Extent> after = byStart.higherEntry(cur.lblock());
        if (after != null && cur.continuedBy(after.getValue())) {
            byStart.remove(after.getKey());
            put(new Extent(cur.lblock(), cur.pblock(), cur.length() + after.getValue().length(), cur.unwritten()));
        }
    }

    public List<Extent> extents() {
        return new ArrayList<>(byStart.values());
    }

    public int extentCount() {
        return byStart.size();
    }

    public long mappedBlocks() {
        long n = 0;
        for (Extent e : byStart.values()) {
            n += e.length();
        }
        return n;
    }

    /** One past the highest mapped logical block (0 for an empty map). */
    public long end() {
        return byStart.isEmpty() ? 0 : byStart.lastEntry().getValue().lend();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExtentMap m && m.byStart.equals(byStart);
    }

    @Override
    public int hashCode() {
        return byStart.hashCode();
    }

    @Override
    public String toString() {
        return byStart.values().toString();
    }
}
