package defragcheck.impl.defrag;

import java.io.IOException;
import java.util.List;

import defragcheck.impl.fs.Extent;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.fs.InodeFlag;
import defragcheck.impl.fs.NoSpaceException;

/**
 * e4defrag for one file: create a donor with one contiguous unwritten run as long as the file, move the whole file
 * into it with the chosen protocol, make it durable, delete the donor (which now holds, and so frees, the old
 * blocks). A file that is already one extent is left alone. Without a free run long enough it refuses (ENOSPC)
 * before changing anything.
 */
public final class WholeFileDefrag {
    private WholeFileDefrag() {}

    public static DefragReport run(Inode orig, Protocol protocol, DefragOptions opts) throws IOException {
        Filesystem fs = orig.fs();
        long start = System.nanoTime();
        List<Extent> before = fs.extents(orig);
        long size = fs.monitor().atomically(orig::sizeBlocks);
        if (before.size() <= 1) {
            return new DefragReport(protocol, before, before, 0, System.nanoTime() - start);
        }
        if (fs.largestFreeRun() < size) {
            throw new DefragRefusedException(RefusalReason.NO_SPACE, size + " blocks wanted for " + orig
                    + ", largest free run " + fs.largestFreeRun());
        }
        Inode donor = orig.isDax()
                ? fs.create(donorName(orig), InodeFlag.DAX)
                : fs.create(donorName(orig));
        try {
            fs.fallocateContiguous(donor, 0, size);
            MoveExtents.create(protocol, new MoveExtentRequest(orig, donor, 0, 0, size), opts).run();
            fs.sync();
        } catch (NoSpaceException e) {
            fs.delete(donor);
            throw new DefragRefusedException(RefusalReason.NO_SPACE, e.getMessage());
        }
        fs.delete(donor);
        List<Extent> after = fs.extents(orig);
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
