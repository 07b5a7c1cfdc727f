package defragcheck.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class BlockPatternTest {
    private static ByteBuffer block(long file, long lb, long gen) {
        ByteBuffer b = ByteBuffer.allocate(BlockPattern.BLOCK);
        BlockPattern.fill(b, file, lb, gen);
        return b.flip();
    }

    @Test
    void aBlockVerifiesAsItself() {
        assertEquals(BlockPattern.Verdict.OK, BlockPattern.check(block(7, 3, 1), 7, 3, 1));
    }

    @Test
    void eachKindOfWrongBlockIsToldApart() {
        assertEquals(BlockPattern.Verdict.ZERO, BlockPattern.check(ByteBuffer.allocate(BlockPattern.BLOCK), 7, 3, 1));
        assertEquals(BlockPattern.Verdict.MISPLACED, BlockPattern.check(block(7, 4, 1), 7, 3, 1));
        assertEquals(BlockPattern.Verdict.MISPLACED, BlockPattern.check(block(8, 3, 1), 7, 3, 1));
        assertEquals(BlockPattern.Verdict.STALE, BlockPattern.check(block(7, 3, 0), 7, 3, 1));
        ByteBuffer torn = block(7, 3, 1);
        torn.put(2000, (byte) (torn.get(2000) ^ 1));
        assertEquals(BlockPattern.Verdict.GARBAGE, BlockPattern.check(torn, 7, 3, 1));
        ByteBuffer foreign = ByteBuffer.allocate(BlockPattern.BLOCK);
        foreign.put(100, (byte) 1);
        assertEquals(BlockPattern.Verdict.GARBAGE, BlockPattern.check(foreign, 7, 3, 1));
    }

    @Test
    void checkAdvancesOneBlock() {
        ByteBuffer two = ByteBuffer.allocate(2 * BlockPattern.BLOCK);
        BlockPattern.fill(two, 1, 0, 1);
        BlockPattern.fill(two, 1, 1, 1);
        two.flip();
        assertEquals(BlockPattern.Verdict.OK, BlockPattern.check(two, 1, 0, 1));
        assertEquals(BlockPattern.Verdict.OK, BlockPattern.check(two, 1, 1, 1));
        assertEquals(0, two.remaining());
    }
}
