package defragcheck.bench;

import java.nio.ByteBuffer;

/** Classifies the 4 KiB block at a buffer's position (advancing it) as what logical block {@code lblock} should hold. */
@FunctionalInterface
public interface BlockCheck {
    BlockPattern.Verdict check(ByteBuffer block, long lblock);

    /** Blocks written by BlockPattern for this file and generation. */
    static BlockCheck pattern(long file, long generation) {
        return (b, lb) -> BlockPattern.check(b, file, lb, generation);
    }
}
