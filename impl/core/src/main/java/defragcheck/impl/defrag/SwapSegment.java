package defragcheck.impl.defrag;

import java.util.ArrayList;
import java.util.List;

import defragcheck.impl.fs.Extent;
import defragcheck.impl.fs.ExtentMap;

/**
 * A stretch of the range where both files map blocks, each side physically contiguous with one written state:
 * the unit ext4_swap_extents splits to. Holes on either side are skipped, as the kernel does.
 */
record SwapSegment(long offset, long length, long origBlock, boolean origUnwritten, long donorBlock, boolean donorUnwritten) {

    /** The segments of the request, in O(extents of both ranges). */
    static List<SwapSegment> plan(ExtentMap orig, long origStart, ExtentMap donor, long donorStart, long length) {
        List<Extent> o = orig.pieces(origStart, length);
        List<Extent> d = donor.pieces(donorStart, length);
        List<SwapSegment> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < o.size() && j < d.size()) {
            Extent a = o.get(i);
            Extent b = d.get(j);
            long aFrom = a.lblock() - origStart;
            long aTo = a.lend() - origStart;
            long bFrom = b.lblock() - donorStart;
            long bTo = b.lend() - donorStart;
            long from = Math.max(aFrom, bFrom);
            long to = Math.min(aTo, bTo);
            if (from < to) {
                out.add(new SwapSegment(from, to - from, a.physical(origStart + from), a.unwritten(), b.physical(donorStart + from), b.unwritten()));
            }
            if (aTo <= bTo) {
                i++;
            } else {
                j++;
            }
        }
        return out;
    }

    /**
     * {@code original} (a range's pieces, in order) with the parts covered by {@code replacements} (in order, each
     * inside one original piece) replaced: the range's new contents, in one pass.
     */
    static List<Extent> substitute(List<Extent> original, List<Extent> replacements) {
        List<Extent> out = new ArrayList<>(original.size() + replacements.size());
        int r = 0;
        for (Extent piece : original) {
            long cursor = piece.lblock();
            while (r < replacements.size() && replacements.get(r).lblock() < piece.lend()) {
                Extent rep = replacements.get(r++);
                if (rep.lblock() > cursor) {
                    out.add(piece.clip(cursor, rep.lblock()));
                }
                out.add(rep);
                cursor = rep.lend();
            }
            if (cursor < piece.lend()) {
                out.add(piece.clip(cursor, piece.lend()));
            }
        }
        return out;
    }
}
