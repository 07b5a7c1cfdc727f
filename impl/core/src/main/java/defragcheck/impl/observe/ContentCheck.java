package defragcheck.impl.observe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.function.LongFunction;

import defragcheck.impl.cache.PageKey;
import defragcheck.impl.device.BlockDevice;
import defragcheck.impl.fs.Inode;

/** Reads a whole file through the reader view and classifies every block against what it should hold. */
public final class ContentCheck {
    private static final int CHUNK_BLOCKS = 256;

    /** Counts per class; {@code ok == blocks} means the file is intact. */
    public record Report(long blocks, long ok, long zero, long garbage, long misplaced, long stale, long firstBad) {
        public boolean intact() {
            return ok == blocks;
        }

        @Override
        public String toString() {
            return ok + "/" + blocks + " ok, zero " + zero + ", garbage " + garbage + ", misplaced " + misplaced
                    + ", stale " + stale + (firstBad >= 0 ? ", first bad block " + firstBad : "");
        }
    }

    private ContentCheck() {}

    /** Every block {@code l} of the file must be writer {@code writer}'s write number {@code seq} of it. */
    public static Report verify(Inode inode, int writer, long seq) throws IOException {
        return verify(inode, l -> new BlockValue.Written(inode.ino(), l, writer, seq));
    }

    public static Report verify(Inode inode, LongFunction<BlockValue> expected) throws IOException {
        long size = inode.sizeBlocks();
        long ok = 0, zero = 0, garbage = 0, misplaced = 0, stale = 0, firstBad = -1;
        for (long at = 0; at < size; at += CHUNK_BLOCKS) {
            int n = (int) Math.min(CHUNK_BLOCKS, size - at);
            ByteBuffer data = ByteBuffer.wrap(inode.fs().buffered().readRange(inode, at, n));
            for (int k = 0; k < n; k++) {
                long l = at + k;
                BlockValue want = expected.apply(l);
                BlockValue got = BlockPayload.decode(data, k * BlockDevice.BLOCK_SIZE);
                if (got.equals(want)) {
                    ok++;
                    continue;
                }
                firstBad = firstBad < 0 ? l : firstBad;
                if (got instanceof BlockValue.Zero) {
                    zero++;
                } else if (got instanceof BlockValue.Garbage) {
                    garbage++;
                } else if (got instanceof BlockValue.Written w && w.ino() == inode.ino() && w.lblock() == l) {
                    stale++;
                } else {
                    misplaced++;
                }
            }
        }
        return new Report(size, ok, zero, garbage, misplaced, stale, firstBad);
    }
}
