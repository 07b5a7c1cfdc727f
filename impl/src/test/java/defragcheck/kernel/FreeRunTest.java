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
}
