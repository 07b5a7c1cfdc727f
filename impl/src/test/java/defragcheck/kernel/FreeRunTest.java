package defragcheck.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import defragcheck.bench.LoopFilesystem;

/** A short free-running workload per protocol on the real kernel (root + loop devices; skipped elsewhere). */
class FreeRunTest {
    private Path run;

    @BeforeEach
    void workspace() throws IOException {
        run = KernelTests.newRun();
    }

    @AfterEach
    void removeWorkspace() throws IOException {
        KernelWorkspace.removeRun(run);
    }

    private FreeRun.Report shortRun(DefragProtocol p) throws IOException {
        KernelTests.assumeLoop(p.filesystem());
        FreeRun.Report r = FreeRun.run(p, run, new FreeRun.Options(256, 3000, 1));
        System.out.println(KernelTable.freeRunRow(r));
        return r;
    }

    @Test
    void moveExtKeepsEveryAcknowledgedWrite() throws IOException {
        FreeRun.Report r = shortRun(new Ext4MoveExt());
        assertTrue(r.defrag().blocksMoved.get() > 0, "MOVE_EXT moved nothing: " + r.defrag());
        assertTrue(r.ok(), () -> KernelTable.freeRunDetail(r));
    }

    @Test
    void e4defragKeepsEveryAcknowledgedWrite() throws IOException {
        FreeRun.Report r = shortRun(DefragTool.e4defrag());
        assertTrue(r.defrag().passes.get() > 0, "e4defrag never ran: " + r.defrag());
        assertTrue(r.ok(), () -> KernelTable.freeRunDetail(r));
    }

    /**
     * The XFS protocols' models lose writes (XfsFsrNoDax, XfsCommitNoDax, XfsExchangeNoDax): a free run may read an
     * older write of a block, or not hit the window at all; it must never expose other data, leave the filesystem
     * inconsistent, or lose what fsync promised across a crash.
     */
    @Test
    void xfsSwapextWithBulkstatDoesWhatItsModelAllows() throws IOException {
        FreeRun.Report r = shortRun(new XfsSwapextCopy());
        assertTrue(r.defrag().passes.get() > 0, r.defrag().toString());
        assertAllowedByModel(r);
    }

    @Test
    void xfsFsrDoesWhatItsModelAllows() throws IOException {
        FreeRun.Report r = shortRun(DefragTool.xfsFsr());
        assertTrue(r.defrag().passes.get() > 0, r.defrag().toString());
        assertAllowedByModel(r);
    }

    @Test
    void xfsCommitRangeDoesWhatItsModelAllows() throws IOException {
        FreeRun.Report r = shortRun(XfsExchange.commitRange());
        assertTrue(r.defrag().passes.get() > 0, r.defrag().toString());
        assertAllowedByModel(r);
    }

    /**
     * EXCHANGE_RANGE has no freshness check: a write between the copy and the exchange is lost by design (a stale
     * read is the protocol's, not the kernel's, failure), and so is a block the copy read torn (an mmap store during
     * its writeback) and the exchange then kept: every byte of it is an older write's. What it must never do is
     * expose the temp file's stale blocks, zeros, another file's data or bytes no write wrote, nor leave the
     * filesystem inconsistent.
     */
    @Test
    void xfsExchangeRangeLosesAtMostRacingWritesNeverExposesOtherData() throws IOException {
        FreeRun.Report r = shortRun(XfsExchange.exchangeRange());
        assertTrue(r.defrag().moves.get() > 0, r.defrag().toString());
        assertAllowedByModel(r);
    }

    private static void assertAllowedByModel(FreeRun.Report r) {
        assertTrue(KernelTable.losesWrites(r.model()), r.model() + " is declared to lose writes");
        assertTrue(!r.agreement(true).equals("NO"), () -> KernelTable.freeRunDetail(r));
        assertTrue(r.violations().stream().allMatch(HistoryChecker.Violation::ownData), () -> KernelTable.freeRunDetail(r));
        assertTrue(r.fsckAfterRunClean() && r.crash().fsckClean() && r.errors().isEmpty(), () -> KernelTable.freeRunDetail(r));
    }
}
