package defragcheck.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The user-level guarantee on hand-made histories. */
class HistoryCheckerTest {
    private final History h = new History();

    private void write(int block, long gen) {
        long invoke = h.tick();
        h.wrote(block, gen, invoke, h.tick(), "test");
    }

    private void read(int block, byte[] data) {
        long invoke = h.tick();
        h.read(block, data, invoke, h.tick(), "test");
    }

    @Test
    void theLastAcknowledgedWriteIsFineAnOlderOneIsNot() {
        write(3, 1);
        write(3, 2);
        read(3, BlockContent.of(3, 2));
        read(3, BlockContent.of(3, 1));
        HistoryChecker.Report r = HistoryChecker.check(h);
        assertEquals(2, r.reads());
        assertEquals(1, r.violations().size());
        assertEquals(List.of(2L), r.violations().get(0).allowed());
    }

    @Test
    void aWriteInFlightDuringTheReadMayBeSeen() {
        write(0, 1);
        long readInvoke = h.tick();
        long wInvoke = h.tick();
        byte[] seen = BlockContent.of(0, 2);
        long readAck = h.tick();
        h.wrote(0, 2, wInvoke, h.tick(), "test");
        h.read(0, seen, readInvoke, readAck, "test");
        assertTrue(HistoryChecker.check(h).ok());
    }

    @Test
    void donorZeroNeighbourAndMisplacedBlocksAreViolationsTornMixesAreNot() {
        write(5, 1);
        read(5, BlockContent.of(BlockContent.GARBAGE, 5, 0));
        read(5, new byte[BlockContent.BLOCK]);
        read(5, BlockContent.of(BlockContent.NEIGHBOUR, 5, 0));
        read(5, BlockContent.of(6, 1));
        HistoryChecker.Report r = HistoryChecker.check(h);
        assertEquals(4, r.violations().size());
        List<BlockContent.Kind> kinds = r.violations().stream().map(v -> v.read().value().kind()).toList();
        assertEquals(List.of(BlockContent.Kind.DONOR, BlockContent.Kind.ZERO, BlockContent.Kind.NEIGHBOUR,
                BlockContent.Kind.MISPLACED), kinds);
        byte[] torn = BlockContent.of(5, 1);
        byte[] newer = BlockContent.of(5, 2);
        System.arraycopy(newer, 0, torn, 0, 1000);
        assertTrue(BlockContent.tornBetween(torn, 5, 1, 2));
        byte[] junk = Arrays.copyOf(torn, torn.length);
        junk[2000] ^= 0x5A;
        assertTrue(!BlockContent.tornBetween(junk, 5, 1, 2) || junk[2000] == newer[2000]);
    }

    @Test
    void aKeptTornBlockOfOlderWritesIsALostWriteNotForeignData() {
        write(7, 1);
        write(7, 2);
        write(7, 3);
        byte[] torn = BlockContent.of(7, 1);
        System.arraycopy(BlockContent.of(7, 2), 0, torn, 0, 2048);
        read(7, torn);
        HistoryChecker.Report r = HistoryChecker.check(h);
        assertEquals(1, r.violations().size());
        assertTrue(r.violations().get(0).olderMix() && r.violations().get(0).ownData());
        torn[3000] ^= 0x11;
        read(7, torn);
        HistoryChecker.Violation foreign = HistoryChecker.check(h).violations().get(1);
        assertTrue(!foreign.ownData() || BlockContent.tornBetween(torn, 7, 1, 2));
    }

    @Test
    void afterACrashThePromisedWriteOrALaterOneIsAllowed() {
        write(1, 1);
        long promise = h.tick();
        long invoke = h.tick();
        h.wrote(1, 2, invoke, Long.MAX_VALUE, "test"); // never acknowledged: the crash came first
        assertEquals(List.of(1L, 2L), HistoryChecker.allowedAfterCrash(h.writes(), promise));
    }
}
