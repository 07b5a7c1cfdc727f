package defragcheck.impl.defrag;

import java.util.List;

import defragcheck.impl.device.BlockDevice;
import defragcheck.impl.fs.Extent;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.fs.InodeFlag;
import defragcheck.impl.fs.InodeType;

/**
 * struct move_extent: move {@code length} blocks of {@code orig} from {@code origStart} into the blocks
 * {@code donor} maps from {@code donorStart}. Unlike the kernel, a range beyond EOF is refused, not clipped.
 */
public record MoveExtentRequest(Inode orig, Inode donor, long origStart, long donorStart, long length) {

    /** The ioctl's shape in bytes: offsets and length must be whole blocks. */
    public static MoveExtentRequest ofBytes(Inode orig, Inode donor, long origOffset, long donorOffset, long lengthBytes) {
        int bs = BlockDevice.BLOCK_SIZE;
        if (origOffset % bs != 0 || donorOffset % bs != 0 || lengthBytes % bs != 0) {
            throw new DefragRefusedException(RefusalReason.MISALIGNED,
                    "orig offset " + origOffset + ", donor offset " + donorOffset + ", length " + lengthBytes);
        }
        return new MoveExtentRequest(orig, donor, origOffset / bs, donorOffset / bs, lengthBytes / bs);
    }

    /** The kernel's checks, in its order; call under the metadata lock (it reads both extent maps). Throws on refusal. */
    void validate() {
        if (orig.fs() != donor.fs()) {
            throw refuse(RefusalReason.DIFFERENT_FILESYSTEMS, orig.fs().device().path() + " vs " + donor.fs().device().path());
        }
        if (orig.ino() == donor.ino()) {
            throw refuse(RefusalReason.SAME_INODE, orig.toString());
        }
        if (orig.type() != InodeType.REGULAR || donor.type() != InodeType.REGULAR) {
            throw refuse(RefusalReason.NOT_REGULAR, orig + " is " + orig.type() + ", " + donor + " is " + donor.type());
        }
        if (donor.flags().contains(InodeFlag.IMMUTABLE) || donor.flags().contains(InodeFlag.APPEND_ONLY)) {
            throw refuse(RefusalReason.IMMUTABLE, donor.toString());
        }
        if (orig.flags().contains(InodeFlag.SWAPFILE) || donor.flags().contains(InodeFlag.SWAPFILE)) {
            throw refuse(RefusalReason.SWAPFILE, "");
        }
        // Each end compared as start <= size - length: start + length can overflow a long and wrap below the size.
        if (length <= 0 || origStart < 0 || donorStart < 0
                || length > orig.sizeBlocks() || origStart > orig.sizeBlocks() - length
                || length > donor.sizeBlocks() || donorStart > donor.sizeBlocks() - length) {
            throw refuse(RefusalReason.OUT_OF_RANGE, "orig " + origStart + "+" + length + " of " + orig.sizeBlocks()
                    + " blocks, donor " + donorStart + "+" + length + " of " + donor.sizeBlocks() + " blocks");
        }
        if (orig.extentMap().pieces(origStart, length).isEmpty()) {
            throw refuse(RefusalReason.NO_DATA, orig + " blocks " + origStart + "+" + length);
        }
        long covered = 0;
        List<Extent> donorPieces = donor.extentMap().pieces(donorStart, length);
        for (Extent e : donorPieces) {
            covered += e.length();
        }
        if (covered != length) {
            throw refuse(RefusalReason.DONOR_HOLE, donor + " maps " + covered + " of " + length + " blocks from " + donorStart);
        }
    }

    private static DefragRefusedException refuse(RefusalReason r, String detail) {
        return new DefragRefusedException(r, detail);
    }
}
