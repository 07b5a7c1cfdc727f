package defragcheck.impl.defrag;

import java.io.IOException;
import java.util.List;

import defragcheck.impl.fs.Extent;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.fs.InodeFlag;
import defragcheck.impl.fs.NoSpaceException;

/**
 * e4defrag for one file: create a donor with one contiguous unwritten run as long as the file (one transaction),
 * move the whole file into it with the chosen protocol, make it durable (fsync of the file), delete the donor (which now holds, and so
 * frees, the old blocks). A file that is already one extent is left alone. Without a free run long enough it refuses
 * (ENOSPC) before changing anything.
 */
public final class WholeFileDefrag {
    private WholeFileDefrag() {}

    public static DefragReport run(Inode orig, Protocol protocol, DefragOptions opts) throws IOException {
        Filesystem fs = orig.fs();
        long start = System.nanoTime();
        List<Extent> before = fs.space().extents(orig);
        long size = orig.sizeBlocks();
        if (before.size() <= 1) {
            return new DefragReport(protocol, before, before, 0, System.nanoTime() - start);
        }
        Inode donor;
        try {
            donor = orig.isDax()
                    ? fs.names().createContiguous(donorName(orig), size, InodeFlag.DAX)
                    : fs.names().createContiguous(donorName(orig), size);
        } catch (NoSpaceException e) {
            throw new DefragRefusedException(RefusalReason.NO_SPACE, e.getMessage());
        }
        try {
            MoveExtents.create(protocol, new MoveExtentRequest(orig, donor, 0, 0, size), opts).run();
            fs.fsync(orig);
        } finally {
            fs.names().delete(donor); // before or after the swap, the donor holds no block orig needs
        }
        List<Extent> after = fs.space().extents(orig);
        long moved = 0;
        for (Extent e : after) {
            moved += e.length();
        }
        return new DefragReport(protocol, before, after, moved, System.nanoTime() - start);
    }

    private static String donorName(Inode orig) {
        return ".donor-" + orig.ino() + "-" + Long.toHexString(System.nanoTime());
    }
}
