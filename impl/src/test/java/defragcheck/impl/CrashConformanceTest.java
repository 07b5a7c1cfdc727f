package defragcheck.impl;

import static defragcheck.impl.CrashConformanceRun.COMMIT_SWAP;
import static defragcheck.impl.CrashConformanceRun.fsync;
import static defragcheck.impl.CrashConformanceRun.LOG_INTENT;
import static defragcheck.impl.CrashConformanceRun.PLAIN;
import static defragcheck.impl.CrashConformanceRun.dirtyPages;
import static defragcheck.impl.CrashConformanceRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import defragcheck.conformance.ImplRig;
import defragcheck.conformance.ModelAblations;
import defragcheck.conformance.Models;
import defragcheck.conformance.SpecModel;
import defragcheck.harness.CheckResult;
import defragcheck.harness.Model;
import defragcheck.harness.TlcRunner;
import defragcheck.harness.Verdict;
import defragcheck.impl.CrashConformanceRun.Outcome;
import defragcheck.conformance.crash.CrashAblation;
import defragcheck.impl.io.DirectIo;

/**
 * Crash conformance: a drain-evict-copy-swap run of the implementation, with the DecsCrashNoDax model's constants and
 * a write and fsync before and after the defrag, follows a behaviour of DecsCrash.tla step by step (each
 * implementation step is one or more spec steps: the swap is LogIntent then CommitSwap, unmount's checkpoint is
 * CheckpointHome for each inode then FreeRecord); then at every crash state of its recorded device writes ({@link CrashExplorer}: every flush prefix
 * plus any subset of the open epoch's writes, a second crash during recovery, torn metadata writes) the recovered
 * implementation must be a state that TLC's Crash then Recover reach from a spec state of that epoch, and satisfy
 * the model's invariants (TypeOK, NoExposure, SwapAtomic, DurableIntegrity, Integrity). Without the barrier, the
 * intent record or the journal replay, some recovered state is not one the spec allows.
 */
class CrashConformanceTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DecsCrashNoDax", "DecsCrashDax"})
    void everyRecoveredStateIsOneTheSpecAllowsAfterCrashAndRecover(String model) throws Exception {
        long start = System.nanoTime();
        Outcome o = run(model, null, CrashConformanceTest::writesAroundTheDefrag, 1);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("crash conformance, %s: %s; %.1f s with the run, %.0f recovered states/s%n", model, o, seconds,
                o.checked() / seconds);
        assertEquals(0, o.explored().violating(), o.toString());
        assertTrue(o.violatedInvariants().isEmpty(), o.toString());
        assertEquals(o.explored().states(), o.checked(), "every crash state recovered and was checked: " + o);
        assertTrue(o.explored().states() >= 20 && o.explored().recoveryCrashes() > 0 && o.explored().torn() > 0, o.toString());
    }

    /**
     * Each ablation leaves recovered states the spec does not allow, and the invariant that explains it fails on them.
     * The ablation and the invariant come from the crash ablation model (its cfg's override, TLC's verdict on it); the
     * run keeps DecsCrashNoDax's setting, whose direct write after the swap the ablation models' settings leave out.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DecsCrashNoBarrier", "DecsCrashNoIntent", "DecsCrashNoReplay"})
    void withoutABarrierIntentOrReplayARecoveredStateIsNotAllowed(String ablationModel) throws Exception {
        Model model = Models.named(ablationModel);
        CheckResult checked = TlcRunner.check(model);
        assertEquals(Verdict.SAFETY_FAILURE, checked.verdict(), checked::output);
        String invariant = checked.violated();
        Set<CrashAblation> ablations = ModelAblations.of(SpecModel.load(model)).crash();
        assertEquals(1, ablations.size(), ablationModel + " should stand for one crash ablation: " + ablations);
        CrashAblation ablation = ablations.iterator().next();
        Outcome o = run("DecsCrashNoDax", ablation, CrashConformanceTest::writesAroundTheDefrag, 1);
        System.out.println("crash conformance without " + ablation + ": " + o.toString().lines().findFirst().orElse(""));
        assertTrue(o.explored().byKind().getOrDefault("not allowed", 0) > 0, ablation + ": every recovered state conformed: " + o);
        assertTrue(o.violatedInvariants().getOrDefault(invariant, 0) > 0, ablation + " should violate " + invariant + ": " + o);
    }

    /**
     * The run: write 1 and fsync; the defrag's steps; a direct write 2 to the moved range and fsync (so a recovery
     * that loses the swap loses it too); where the model allows a third write, one never fsynced. Every
     * implementation step names the spec step(s) it is.
     */
    private static void writesAroundTheDefrag(CrashConformanceRun.Follower run, ImplRig rig) throws IOException {
        run.step(() -> rig.bufferedWrite("orig", 1), PLAIN);
        run.step(() -> rig.fs().sync(), fsync(dirtyPages(rig)));
        while (!rig.mover(1).step().equals("SwapExtents")) { // LockInodes (one inode a step) .. CopyData
            run.step(() -> rig.defragStep(1), PLAIN);
        }
        run.step(() -> rig.defragStep(1), LOG_INTENT, COMMIT_SWAP);
        run.step(() -> rig.defragStep(1), PLAIN); // Unlock
        if (rig.constants().dax()) { // the spec's direct write under DAX
            run.step(() -> rig.bufferedWrite("orig", 2), PLAIN);
        } else {
            run.step(() -> rig.dioSubmit("orig", 2), PLAIN);
            DirectIo.DioRecord dio = rig.inFlight().get(0);
            run.step(() -> rig.dioComplete(dio), PLAIN);
        }
        run.step(() -> rig.fs().sync(), fsync(dirtyPages(rig)));
        if (rig.constants().maxWrites() > 2) { // never fsynced: a crash may lose it
            run.step(() -> rig.bufferedWrite("orig", 1), PLAIN);
        }
    }
}
