package defragcheck.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import defragcheck.harness.CheckResult;
import defragcheck.harness.Model;
import defragcheck.harness.TlcRunner;
import defragcheck.harness.Verdict;
import defragcheck.impl.defrag.Ablation;
import tlc2.tool.TLCState;

/**
 * The conformance properties have teeth: with one DECS step removed from the implementation (its test-only
 * ablation switch), trace validation against the full protocol fails, on the schedule of TLC's counterexample
 * for the model that omits the same step; with the step in place the same schedule validates. And against the
 * model that omits the step, the ablated implementation's trace is a behaviour whose states break the invariant
 * TLC reports for that model.
 */
class TeethTest {

    @ParameterizedTest(name = "{1} without {0}")
    @CsvSource({
        "NO_LOCKS, DecsNoLocks",
        "NO_INVALIDATE_LOCK, DecsNoInvalidateLock",
        "NO_DRAIN, DecsNoDrain",
        "NO_FLUSH, DecsNoFlush",
        "NO_EVICT, DecsNoEvict",
        "NO_COPY, DecsNoCopy"
    })
    void ablatedImplementationFailsTraceValidation(Ablation ablation, String modelName) throws Exception {
        Model model = Models.named(modelName);
        CheckResult checked = TlcRunner.check(model);
        assertEquals(Verdict.SAFETY_FAILURE, checked.verdict(), checked::output);
        LoadedSpec.forget();
        SpecModel omitting = LoadedSpec.of(model);
        List<ScheduleStep> schedule = ScheduleStep.behaviour(omitting, checked.counterexample()).stream().map(ScheduleStep::of).toList();

        SpecModel full = LoadedSpec.of(ModelVariant.of(model, "full", Map.of("Omit", "{}")));
        ModelConstants constants = ModelConstants.of(full);
        assertTrue(constants.omit().isEmpty() && constants.decs());

        TraceValidator.Verdict ablated;
        try (ImplRig rig = ImplRig.create(constants, Models.imageDir(), Set.of(ablation))) {
            List<TLCState> trace = ScheduleRunner.run(full, rig, schedule, true);
            ablated = TraceValidator.validate(full, trace, true);
        }
        assertFalse(ablated.valid(), () -> ablation + ": the ablated implementation passed trace validation");
        System.out.println(modelName + " schedule " + schedule + " on the implementation without " + ablation
                + ": " + ablated.toString().lines().findFirst().orElse("") + " after " + ablated.actions());

        try (ImplRig rig = ImplRig.create(constants, Models.imageDir(), Set.of())) {
            List<TLCState> trace = ScheduleRunner.run(full, rig, schedule, true);
            TraceValidator.Verdict intact = TraceValidator.validate(full, trace, true);
            assertTrue(intact.valid(), () -> "the full implementation on the same schedule: " + intact);
        }

        // The ablated implementation is a behaviour of the model that omits the step, and TLC's invariants,
        // evaluated on the implementation's own states, report the violation the model checker predicts.
        SpecModel omittingAgain = LoadedSpec.of(model);
        TraceValidator.Verdict predicted;
        try (ImplRig rig = ImplRig.create(ModelConstants.of(omittingAgain), Models.imageDir(), Set.of(ablation))) {
            rig.hideAblatedSteps();
            List<TLCState> trace = ScheduleRunner.run(omittingAgain, rig, schedule, false);
            predicted = TraceValidator.validate(omittingAgain, trace, true);
        }
        assertTrue(!predicted.valid() && predicted.reason().startsWith("invariant ") && predicted.reason().contains(checked.violated()),
                () -> modelName + ": expected " + checked.violated() + " violated on the implementation's states, got " + predicted);
        System.out.println(modelName + ": the implementation without " + ablation + " follows the model's steps; "
                + predicted.reason().lines().findFirst().orElse("") + " at state " + predicted.failedAt());
    }
}
