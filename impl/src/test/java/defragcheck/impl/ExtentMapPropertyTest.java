package defragcheck.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import defragcheck.impl.fs.Extent;
import defragcheck.impl.fs.ExtentMap;

/** ExtentMap.replace against a block-by-block model: same mapping, and extents always maximal (merged). */
class ExtentMapPropertyTest {
    /** Map logical [from, from+count) to physical base+i (or a hole), written or not. */
    record Replace(long from, long count, long base, boolean hole, boolean unwritten) {}

    @Provide
    Arbitrary<List<Replace>> replaces() {
        Arbitrary<Replace> r = Combinators.combine(Arbitraries.longs().between(0, 60), Arbitraries.longs().between(1, 20),
                Arbitraries.longs().between(0, 3).map(k -> k * 100), Arbitraries.integers().between(0, 3).map(k -> k == 0),
                Arbitraries.of(true, false)).as((from, count, base, hole, unw) -> new Replace(from, count, base + from, hole, unw));
        return r.list().ofMaxSize(25);
    }

    @Property(tries = 300)
    void replaceMatchesBlockModel(@ForAll("replaces") List<Replace> ops) {
        ExtentMap map = new ExtentMap();
        TreeMap<Long, long[]> model = new TreeMap<>();
        for (Replace op : ops) {
            List<Extent> pieces = new ArrayList<>();
            if (!op.hole()) {
                // two pieces with a hole-free seam, to exercise merging of continuing pieces
                long half = op.count() / 2;
                if (half > 0) {
                    pieces.add(new Extent(op.from(), op.base(), half, op.unwritten()));
                }
                pieces.add(new Extent(op.from() + half, op.base() + half, op.count() - half, op.unwritten()));
            }
            map.replace(op.from(), op.count(), pieces);
            for (long l = op.from(); l < op.from() + op.count(); l++) {
                if (op.hole()) {
                    model.remove(l);
                } else {
                    model.put(l, new long[] {op.base() + (l - op.from()), op.unwritten() ? 1 : 0});
                }
            }
        }
        for (long l = 0; l < 90; l++) {
            long[] want = model.get(l);
            assertEquals(want == null ? -1 : want[0], map.physical(l), "block " + l);
            assertEquals(want != null && want[1] == 1, map.isUnwritten(l), "unwritten " + l);
        }
        assertEquals(model.size(), map.mappedBlocks());
        List<Extent> ex = map.extents();
        for (int i = 1; i < ex.size(); i++) {
            Extent a = ex.get(i - 1);
            Extent b = ex.get(i);
            assertFalse(a.lend() == b.lblock() && a.pblock() + a.length() == b.pblock() && a.unwritten() == b.unwritten(),
                    "unmerged " + a + " " + b);
        }
    }
}
