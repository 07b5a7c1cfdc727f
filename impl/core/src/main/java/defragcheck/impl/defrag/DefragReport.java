package defragcheck.impl.defrag;

import java.util.List;

import defragcheck.impl.fs.Extent;

/** What a whole-file defrag did: extents before and after (like filefrag), blocks moved, wall time. */
public record DefragReport(Protocol protocol, List<Extent> before, List<Extent> after, long blocksMoved, long nanos) {
    public int extentsBefore() {
        return before.size();
    }

    public int extentsAfter() {
        return after.size();
    }

    public boolean changed() {
        return blocksMoved > 0;
    }

    @Override
    public String toString() {
        return protocol + ": " + before.size() + " -> " + after.size() + " extents, " + blocksMoved + " blocks in "
                + String.format("%.3f", nanos / 1e9) + " s";
    }
}
