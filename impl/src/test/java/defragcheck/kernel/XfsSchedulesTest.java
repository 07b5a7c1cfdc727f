package defragcheck.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import defragcheck.bench.LoopFilesystem;

/** The XFS models' counterexamples forced on the real kernel (root + loop devices + xfsprogs; skipped elsewhere). */
class XfsSchedulesTest {
    private static Path run;
    private static LoopFilesystem fs;

    @BeforeAll
    static void filesystem() throws IOException {
        KernelTests.assumeLoop(LoopFilesystem.Type.XFS);
        run = KernelTests.newRun();
        fs = LoopFilesystem.create(LoopFilesystem.Type.XFS, run.resolve("xfs"), 320L << 20);
        XfsFeatures.enableExchangeRange(fs);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        KernelTests.release(fs, run);
    }

    /** XfsCommitNoDax: the write's timestamp moved before START_COMMIT's sample, its data after the copy: lost. */
    @Test
    void commitRangeLosesADirectWriteHeldAcrossStartCommit() throws IOException {
        ScheduleOutcome o = new XfsSchedules(fs).commitWithHeldDirectWrite();
        System.out.println(ScheduleTable.detail(o));
        assertTrue(o.forced() && o.agrees(), () -> ScheduleTable.detail(o));
        assertTrue(o.kernelOutcome().contains("COMMIT_RANGE ok") && !o.kernelOutcome().contains("blocked"), () -> ScheduleTable.detail(o));
    }

    /**
     * XfsFsrDirectTicking, finding F2: SWAPEXT waits for the held (synchronous) write's IOLOCK, unlike the model's
     * async writer; the write is lost all the same. If SWAPEXT ever stops waiting, the finding goes and this agrees.
     */
    @Test
    void f2SwapextWaitsForTheHeldDirectWriteAndStillLosesIt() throws IOException {
        ScheduleOutcome o = new XfsSchedules(fs).swapextWithHeldDirectWrite();
        System.out.println(ScheduleTable.detail(o));
        assertTrue(o.forced() && !o.agrees() && Findings.F2.equals(o.finding()), () -> ScheduleTable.detail(o));
        assertTrue(o.kernelOutcome().contains("SWAPEXT ok"), () -> ScheduleTable.detail(o));
    }

    /** XfsCommitNoDaxNoDio: a buffered write after START_COMMIT gets a new (fine-grained) ctime: EBUSY, write kept. */
    @Test
    void commitRangeRefusesAfterABufferedWriteAndKeepsIt() throws IOException {
        ScheduleOutcome o = new XfsSchedules(fs).commitWithBufferedWrite();
        System.out.println(ScheduleTable.detail(o));
        assertTrue(o.forced() && o.agrees() && o.kernelOutcome().contains("COMMIT_RANGE EBUSY"), () -> ScheduleTable.detail(o));
    }

    /**
     * XfsFsrNoDax: timing-based. Every try must be one of the model's two outcomes (SWAPEXT ok and the write lost, or
     * EBUSY and the write kept); how often the same-tick window is hit is reported, not asserted.
     */
    @Test
    void swapextSameTickBufferedWriteIsLostOrRefused() throws IOException {
        ScheduleOutcome o = new XfsSchedules(fs).swapextWithSameTickBufferedWrite(20);
        System.out.println(ScheduleTable.detail(o));
        assertTrue(o.disagreements().isEmpty(), () -> ScheduleTable.detail(o) + "\n" + o.disagreements());
        assertTrue(!o.forced() || o.agrees(), () -> ScheduleTable.detail(o));
    }
}
