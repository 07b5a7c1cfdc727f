package defragcheck.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import defragcheck.bench.LoopFilesystem;
import defragcheck.conformance.Models;
import defragcheck.conformance.ScheduleStep;
import defragcheck.conformance.SpecModel;
import defragcheck.harness.CheckResult;
import defragcheck.harness.TlcRunner;
import defragcheck.harness.Verdict;

/**
 * TLC's counterexamples of the XFS models, and behaviours drawn from them, forced on the real kernel (root + loop
 * devices + xfsprogs; skipped elsewhere): the kernel must lose the same write in the same block, or keep the data
 * where the model does.
 */
class XfsModelSchedulesTest {
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

    /** TLC's counterexample of {@code model}, forced (up to {@code tries} attempts while the clock does not follow). */
    private static ScheduleOutcome counterexample(String model, int tries) throws IOException {
        CheckResult checked = TlcRunner.check(Models.named(model));
        assertEquals(Verdict.SAFETY_FAILURE, checked.verdict(), model);
        SpecModel spec = SpecModel.load(Models.named(model));
        List<SpecModel.Step> behaviour = ScheduleStep.behaviour(spec, checked.counterexample());
        ScheduleOutcome o = new XfsModelSchedules(fs).force(spec, 0, behaviour, tries);
        System.out.println(ScheduleTable.detail(o));
        return o;
    }

    @Test
    void exchangeRangeLosesABufferedWriteMadeAfterTheCopy() throws IOException {
        ScheduleOutcome o = counterexample("XfsExchangeNoDax", 1);
        assertTrue(o.forced() && o.agrees(), () -> ScheduleTable.detail(o) + "\n" + o.disagreements());
        assertEquals(List.of(0L, 0L), o.modelFinal(), "the model's counterexample loses write 1 in block 1");
    }

    /** XfsCommitNoDax: the write's timestamp moved before START_COMMIT's sample, its data after the copy: lost. */
    @Test
    void commitRangeLosesADirectWriteInFlightAcrossStartCommit() throws IOException {
        ScheduleOutcome o = counterexample("XfsCommitNoDax", 3);
        assertTrue(o.forced() && o.agrees(), () -> ScheduleTable.detail(o) + "\n" + o.disagreements());
        assertTrue(o.modelVerdict().contains("Integrity") && o.kernelOutcome().contains("COMMIT_RANGE ok"), () -> ScheduleTable.detail(o));
    }

    /**
     * XfsFsrDirectTicking, finding F2: SWAPEXT waits for the held (synchronous) write's IOLOCK, unlike the model's
     * async writer; the write is lost all the same. If SWAPEXT ever stops waiting, the finding goes and this agrees.
     */
    @Test
    void f2SwapextWaitsForTheHeldDirectWriteAndStillLosesIt() throws IOException {
        ScheduleOutcome o = counterexample("XfsFsrDirectTicking", 3);
        assertTrue(o.forced() && !o.agrees() && Findings.F2.equals(o.finding()), () -> ScheduleTable.detail(o) + "\n" + o.disagreements());
        assertTrue(o.kernelOutcome().contains("SWAPEXT ok"), () -> ScheduleTable.detail(o));
    }

    /**
     * XfsFsrNoDax: a buffered write after the bulkstat that keeps ctime (the same coarse tick, ctime never queried)
     * is lost by SWAPEXT. Timing decides whether a try hits the tick (the rig observes it and tries again); when
     * one does, the kernel must lose the write.
     */
    @Test
    void swapextLosesASameTickBufferedWrite() throws IOException {
        ScheduleOutcome o = counterexample("XfsFsrNoDax", 30);
        assertTrue(o.disagreements().isEmpty(), () -> ScheduleTable.detail(o) + "\n" + o.disagreements());
        assertTrue(!o.forced() || o.agrees(), () -> ScheduleTable.detail(o));
    }

    /** Behaviours drawn from XfsCommitNoDaxNoDio (which keeps the data): COMMIT_RANGE keeps or refuses, as the model. */
    @Test
    void drawnCommitRangeBehavioursKeepTheData() throws IOException {
        assertDrawnAgree("XfsCommitNoDaxNoDio", XfsModelSchedules.Driver.RIG, 6);
    }

    /** Behaviours drawn from XfsExchangeNoDax: some lose a write, some keep it; the kernel does the same in each. */
    @Test
    void drawnExchangeRangeBehavioursAgree() throws IOException {
        assertDrawnAgree("XfsExchangeNoDax", XfsModelSchedules.Driver.RIG, 6);
    }

    /** Seeds 1..count drawn from {@code model} for {@code driver}: each forced one agrees, and at least one is forced. */
    private static void assertDrawnAgree(String model, XfsModelSchedules.Driver driver, int count) throws IOException {
        SpecModel spec = SpecModel.load(Models.named(model));
        XfsModelSchedules runner = new XfsModelSchedules(fs, driver);
        int forced = 0;
        for (long seed = 1; seed <= count; seed++) {
            ScheduleOutcome o = runner.force(spec, seed, XfsModelSchedules.draw(spec, seed, driver), 5);
            System.out.println(ScheduleTable.detail(o));
            assertTrue(!o.forced() || o.agrees(), () -> ScheduleTable.detail(o) + "\n" + o.disagreements());
            forced += o.forced() ? 1 : 0;
        }
        assertTrue(forced > 0, model + ": no drawn behaviour could be forced on " + driver);
    }

    /**
     * xfs_fsr itself, with an O_DIRECT write in flight from before its bulkstat until SWAPEXT sleeps on it: the
     * write's timestamp moved before the sample, its data lands in the block the swap gives away. XfsFsrNoDax says
     * the acknowledged write is lost; the real tool loses it.
     */
    @Test
    void xfsFsrLosesADirectWriteInFlightAcrossItsBulkstat() throws IOException {
        SpecModel spec = SpecModel.load(Models.named("XfsFsrNoDax"));
        List<SpecModel.Step> walk = LegacySchedules.follow(spec, List.of("DioSubmit(\"orig\", 1)", "Bulkstat", "FsyncOrig",
                "CopyBlock", "CopyBlock", "FsyncTemp", "LockIo", "LockIo", "DioComplete", "LockMmap", "LockMmap", "FlushOrig",
                "FlushTemp", "CheckFresh", "SwapForks", "Unlock"));
        ScheduleOutcome o = new XfsModelSchedules(fs, XfsModelSchedules.Driver.XFS_FSR).force(spec, 0, walk, 3);
        System.out.println(ScheduleTable.detail(o));
        assertTrue(o.modelVerdict().contains("Integrity") && o.modelFinal().equals(List.of(0L, 0L)), () -> ScheduleTable.detail(o));
        assertTrue(o.forced() && o.agrees(), () -> ScheduleTable.detail(o) + "\n" + o.disagreements());
    }

    /** Behaviours drawn from XfsFsrNoDax forced on xfs_fsr itself. */
    @Test
    void drawnXfsFsrBehavioursAgree() throws IOException {
        assertDrawnAgree("XfsFsrNoDax", XfsModelSchedules.Driver.XFS_FSR, 6);
    }
}
