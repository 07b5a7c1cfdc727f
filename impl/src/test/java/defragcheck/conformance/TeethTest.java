package defragcheck.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import defragcheck.harness.CheckResult;
import defragcheck.harness.Model;
import defragcheck.harness.TlcRunner;
import defragcheck.harness.Verdict;
import tlc2.tool.TLCState;

/**
 * The conformance properties have teeth: with one DECS step removed from the implementation ({@link DecsWithoutStep},
 * the step the model's cfg replaces with a skip), trace validation against the full protocol (the model without that
 * override) fails, on the schedule of TLC's counterexample for the ablation model; with the step in place the same
 * schedule validates. And against the ablation model, the ablated
 * implementation's trace is a behaviour whose states break the invariant TLC reports for that model.
 */
class TeethTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DecsNoLocks", "DecsNoInvalidateLock", "DecsNoDrain", "DecsNoFlush", "DecsNoCopy"})
    void ablatedImplementationFailsTraceValidation(String modelName) throws Exception {
        hasTeeth(Models.named(modelName));
    }

    /**
     * DecsNoEvict reaches a user-visible failure only through memory-pressure reclaim (Reclaim = TRUE: the stale
     * page must be dropped before a read goes to the orig's new block), and the implementation has no reclaim for
     * the rig to drive. So the step's teeth are shown on its cause model without reclaim, where TLC reports the
     * stale buffer mapping itself.
     */
    @Test
    void withoutEvictionTheImplementationKeepsAStaleMapping() throws Exception {
        hasTeeth(ModelVariant.withConstants(Models.cause("DecsNoEvict"), Map.of("Reclaim", "FALSE")));
    }

    private static void hasTeeth(Model model) throws Exception {
        String modelName = model.name();
        CheckResult checked = TlcRunner.check(model);
        assertEquals(Verdict.SAFETY_FAILURE, checked.verdict(), checked::output);
        LoadedSpec.forget();
        SpecModel ablationModel = LoadedSpec.of(model);
        Set<RemovableStep> ablation = ModelAblations.of(ablationModel).steps();
        Set<String> skipped = ablationModel.overrides().keySet();
        assertEquals(1, ablation.size(), () -> modelName + " should skip one DECS step: " + ablationModel.overrides());
        List<ScheduleStep> schedule = ScheduleStep.behaviour(ablationModel, checked.counterexample()).stream().map(ScheduleStep::of).toList();

        SpecModel full = LoadedSpec.of(ModelVariant.withoutOverrides(model, skipped));
        ModelConstants constants = ModelConstants.of(full);
        assertTrue(ModelAblations.of(full).none() && constants.decs());

        TraceValidator.Verdict ablated;
        try (ImplRig rig = ImplRig.create(constants, Models.imageDir(), ablation)) {
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

        // The ablated implementation is a behaviour of the ablation model (its no-op step is the model's skip), and
        // TLC's invariants, evaluated on the implementation's own states, report the violation the model checker
        // predicts.
        SpecModel ablationAgain = LoadedSpec.of(model);
        TraceValidator.Verdict predicted;
        try (ImplRig rig = ImplRig.create(ModelConstants.of(ablationAgain), Models.imageDir(), ablation)) {
            List<TLCState> trace = ScheduleRunner.run(ablationAgain, rig, schedule, false);
            predicted = TraceValidator.validate(ablationAgain, trace, true);
        }
        assertTrue(!predicted.valid() && predicted.reason().startsWith("invariant ") && predicted.reason().contains(checked.violated()),
                () -> modelName + ": expected " + checked.violated() + " violated on the implementation's states, got " + predicted);
        System.out.println(modelName + ": the implementation without " + ablation + " follows the model's steps; "
                + predicted.reason().lines().findFirst().orElse("") + " at state " + predicted.failedAt());
    }
}
