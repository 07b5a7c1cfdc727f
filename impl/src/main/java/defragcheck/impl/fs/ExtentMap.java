package defragcheck.impl.fs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A file's extent map: logical block → physical block, each extent written or unwritten (reads as zeros).
 * Adjacent extents that continue each other are merged, so its size is the file's fragmentation.
 * Not thread-safe: the filesystem mutates it only inside its state monitor, through metadata transactions.
 */
public final class ExtentMap {
    private final TreeMap<Long, Extent> byStart = new TreeMap<>();

    public ExtentMap() {}

    public ExtentMap(List<Extent> extents) {
        for (Extent e : extents) {
            replace(e.lblock(), e.length(), List.of(e));
        }
    }

    /** The extent covering {@code lblock}, or null for a hole. */
    public Extent find(long lblock) {
        Map.Entry<Long, Extent> e = byStart.floorEntry(lblock);
        return e != null && e.getValue().lend() > lblock ? e.getValue() : null;
    }

    /** Physical block of {@code lblock}, or -1 for a hole. */
    public long physical(long lblock) {
        Extent e = find(lblock);
        return e == null ? -1 : e.pblock() + (lblock - e.lblock());
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

    /** Replaces whatever maps logical [from, from+count) by {@code pieces} (which must lie inside it). */
    public void replace(long from, long count, List<Extent> pieces) {
        long to = from + count;
        Extent left = find(from);
        Extent right = find(to - 1);
        for (Extent e : pieces(from, count)) {
            byStart.remove(byStart.floorKey(e.lblock()));
        }
        if (left != null && left.lblock() < from) {
            put(new Extent(left.lblock(), left.pblock(), from - left.lblock(), left.unwritten()));
        }
        if (right != null && right.lend() > to) {
            put(new Extent(to, right.pblock() + (to - right.lblock()), right.lend() - to, right.unwritten()));
        }
        for (Extent p : pieces) {
            if (p.lblock() < from || p.lend() > to) {
                throw new IllegalArgumentException("piece " + p + " outside [" + from + "," + to + ")");
            }
            put(p);
        }
        mergeAround(from);
        mergeAround(to);
        for (Extent p : pieces) {
            mergeAround(p.lblock());
        }
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

    public ExtentMap copy() {
        ExtentMap m = new ExtentMap();
        m.byStart.putAll(byStart);
        return m;
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
