package defragcheck.bench;

import defragcheck.impl.device.BlockDevice;
import defragcheck.impl.observe.BlockPayload;
import defragcheck.impl.observe.BlockValue;

/** Judges blocks in the implementation's self-describing format (BlockPayload) against the write a file should hold. */
public final class PayloadCheck {
    private PayloadCheck() {}

    /** What block {@code lblock} of inode {@code ino} reads as, given it should hold write {@code seq} of {@code writer}. */
    public static BlockPattern.Verdict verdict(BlockValue v, int ino, long lblock, int writer, long seq) {
        if (v instanceof BlockValue.Written w) {
            if (w.ino() != ino || w.lblock() != lblock) {
                return BlockPattern.Verdict.MISPLACED;
            }
            return w.writer() == writer && w.seq() == seq ? BlockPattern.Verdict.OK : BlockPattern.Verdict.STALE;
        }
        return v instanceof BlockValue.Zero ? BlockPattern.Verdict.ZERO : BlockPattern.Verdict.GARBAGE;
    }

    /** A BlockCheck for raw device reads of the file's blocks. */
    public static BlockCheck written(int ino, int writer, long seq) {
        return (buf, lb) -> {
            BlockValue v = BlockPayload.decode(buf, buf.position());
            buf.position(buf.position() + BlockDevice.BLOCK_SIZE);
            return verdict(v, ino, lb, writer, seq);
        };
    }
}
