package defragcheck.kernel;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import defragcheck.bench.LoopFilesystem;
import defragcheck.conformance.ModelVariant;
import defragcheck.conformance.Models;
import defragcheck.conformance.SpecModel;

/** LegacyNoDax's behaviours forced on the real ext4 MOVE_EXT (root + loop devices; skipped elsewhere). */
class LegacySchedulesTest {
    private static Path run;
    private static LoopFilesystem fs;

    @BeforeAll
    static void filesystem() throws IOException {
        KernelTests.assumeLoop(LoopFilesystem.Type.EXT4);
        run = KernelTests.newRun();
        fs = LoopFilesystem.create(LoopFilesystem.Type.EXT4, run.resolve("ext4"), 64L << 20);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        KernelTests.release(fs, run);
    }

    @Test
    void kernelAgreesWithTheModelOnEveryForcedSchedule() throws IOException {
        SpecModel spec = SpecModel.load(Models.named(LegacySchedules.MODEL));
        List<ScheduleOutcome> outcomes = new LegacySchedules(fs).run(spec, 1, 16);
        List<ScheduleOutcome> forced = assertForcedAgree(outcomes);
        assertTrue(forced.stream().anyMatch(o -> o.kernelOutcome().contains("blocked behind the held DIO")),
                () -> "no schedule made MOVE_EXT wait for a held direct write:\n" + ScheduleTable.rows(outcomes));
    }

    /** A direct write held, MOVE_EXT issued (it must wait), a mapped page stored to meanwhile, then the write completes. */
    @Test
    void moveExtWaitsForAHeldDirectWriteAndKeepsEveryWrite() throws IOException {
        SpecModel spec = SpecModel.load(Models.named(LegacySchedules.MODEL));
        List<SpecModel.Step> walk = LegacySchedules.follow(spec, List.of("MmapFault(\"orig\", 2)", "DioSubmit(\"orig\", 1)",
                "LockInodes", "LockInodes", "MmapStore(\"orig\", 2)", "Writeback(<<\"orig\", 2>>)", "DioComplete", "DrainDio",
                "MovePage", "MovePage", "Unlock"));
        ScheduleOutcome o = new LegacySchedules(fs).force(spec, 0, walk);
        System.out.println(ScheduleTable.detail(o));
        assertTrue(o.forced() && o.kernelOutcome().contains("blocked behind the held DIO"), () -> ScheduleTable.detail(o));
        assertTrue(o.agrees(), () -> ScheduleTable.detail(o));
    }

    /** LegacyNoDax's behaviours forced on e4defrag itself: its one MOVE_EXT spans the defrag, from the first lock to the unlock. */
    @Test
    void e4defragAgreesWithTheModelOnDrawnSchedules() throws IOException {
        SpecModel spec = SpecModel.load(Models.named(LegacySchedules.MODEL));
        List<ScheduleOutcome> outcomes = new LegacySchedules(fs, LegacySchedules.Mover.E4DEFRAG).run(spec, 1, 8);
        List<ScheduleOutcome> forced = assertForcedAgree(outcomes);
        assertTrue(forced.stream().anyMatch(o -> o.kernelOutcome().contains("e4defrag moved the file")),
                () -> "e4defrag moved no file:\n" + ScheduleTable.rows(outcomes));
    }

    /** A direct write held when e4defrag starts: its MOVE_EXT must wait for it, and every write is kept. */
    @Test
    void e4defragWaitsForAHeldDirectWriteAndKeepsEveryWrite() throws IOException {
        SpecModel spec = SpecModel.load(Models.named(LegacySchedules.MODEL));
        List<SpecModel.Step> walk = LegacySchedules.follow(spec, List.of("BufferedWrite(\"orig\", 2)", "DioSubmit(\"orig\", 1)",
                "LockInodes", "LockInodes", "Writeback(<<\"orig\", 2>>)", "DioComplete", "DrainDio", "MovePage", "MovePage", "Unlock"));
        ScheduleOutcome o = new LegacySchedules(fs, LegacySchedules.Mover.E4DEFRAG).force(spec, 0, walk);
        System.out.println(ScheduleTable.detail(o));
        assertTrue(o.forced() && o.kernelOutcome().contains("e4defrag blocked behind the held DIO"), () -> ScheduleTable.detail(o));
        assertTrue(o.agrees() && o.kernelOutcome().contains("e4defrag moved the file"), () -> ScheduleTable.detail(o));
    }

    /**
     * Finding F1 ({@link Findings}): why the spec's users may not fault a page while a direct write to it is in flight
     * (Environment.tla, Uncontended). The spec excludes the schedule; without that contract its DioComplete drops the
     * page, while this kernel keeps it stale. If the kernel ever agrees, drop the finding and the contract.
     */
    @Test
    void f1WriteFaultDuringADirectWriteLeavesAStalePage() throws IOException {
        List<String> f1 = List.of("DioSubmit(\"orig\", 1)", "MmapFault(\"orig\", 1)",
                "DioComplete", "ReadFill(\"orig\", 1)", "LockInodes", "LockInodes", "DrainDio", "MovePage", "MovePage", "Unlock");
        SpecModel contract = SpecModel.load(Models.named(LegacySchedules.MODEL));
        assertThrows(IllegalArgumentException.class, () -> LegacySchedules.follow(contract, f1),
                "the users' contract (Uncontended) must exclude a write fault during an in-flight direct write");
        SpecModel spec = SpecModel.load(ModelVariant.withOverride(Models.named(LegacySchedules.MODEL), "Uncontended", "AnyTime"));
        List<SpecModel.Step> walk = LegacySchedules.follow(spec, f1);
        ScheduleOutcome o = new LegacySchedules(fs).force(spec, 0, walk);
        System.out.println(ScheduleTable.detail(o));
        assertTrue(o.forced() && !o.agrees() && Findings.F1.equals(o.finding()), () -> ScheduleTable.detail(o));
    }

    /**
     * At least half of the drawn schedules were forced, and every forced one agrees with the model unless it is a known
     * finding (which f1... pins; it stays a NO in the table). Returns the forced ones.
     */
    private static List<ScheduleOutcome> assertForcedAgree(List<ScheduleOutcome> outcomes) {
        outcomes.forEach(o -> System.out.println(ScheduleTable.detail(o)));
        List<ScheduleOutcome> forced = outcomes.stream().filter(ScheduleOutcome::forced).toList();
        assertTrue(forced.size() >= outcomes.size() / 2, () -> "too few schedules forced:\n" + ScheduleTable.rows(outcomes));
        String disagreements = forced.stream().filter(o -> !o.agrees() && o.finding() == null).map(ScheduleTable::detail)
                .collect(Collectors.joining("\n"));
        assertTrue(disagreements.isEmpty(), () -> "kernel and model disagree:\n" + disagreements);
        return forced;
    }
}
