package defragcheck.impl.fs;

/** Logical blocks [lblock, lblock+length) of a file live in physical blocks [pblock, pblock+length). */
public record Extent(long lblock, long pblock, long length, boolean unwritten) {
    public Extent {
        if (lblock < 0 || pblock < 0 || length <= 0) {
            throw new IllegalArgumentException("bad extent " + lblock + "->" + pblock + " x" + length);
        }
    }

    public long lend() {
        return lblock + length;
    }

    /** The physical block behind logical block {@code l}, which this extent covers. */
    public long physical(long l) {
        return pblock + (l - lblock);
    }

    /** The part of this extent inside logical [from, to), or null if none. */
    public Extent clip(long from, long to) {
        long s = Math.max(from, lblock);
        long e = Math.min(to, lend());
        return s >= e ? null : new Extent(s, physical(s), e - s, unwritten);
    }

    boolean continuedBy(Extent next) {
        return lend() == next.lblock && pblock + length == next.pblock && unwritten == next.unwritten;
    }
}
