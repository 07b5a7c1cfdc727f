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

/**
 * The conformance properties have teeth: with one DECS step removed from the implementation ({@link DecsWithoutStep},
 * the step the model's cfg replaces with a skip), trace validation against the full protocol (the model without that
 * override) refuses the log of TLC's counterexample schedule for the ablation model, proposed to the implementation
 * ({@link ScheduleRunner}); with the step in place the same schedule's log validates. And against the ablation
 * model, the log of the implementation without the step is a behaviour that breaks the invariant TLC reports.
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

        Model fullModel = ModelVariant.withoutOverrides(model, skipped);
        SpecModel full = LoadedSpec.of(fullModel);
        ModelConstants constants = ModelConstants.of(full);
        assertTrue(ModelAblations.of(full).none() && constants.decs());

        TraceCheck.Verdict ablated;
        try (ImplRig rig = ImplRig.create(constants, Models.imageDir(), ablation)) {
            ablated = TraceCheck.check(fullModel, constants.lblocks(), ScheduleRunner.run(full, rig, schedule, true));
        }
        assertFalse(ablated.conforms(), () -> ablation + ": the implementation without the step passed trace validation");
        System.out.println(modelName + " schedule " + schedule + " on the implementation without " + ablation
                + ": " + ablated.toString().lines().findFirst().orElse(""));

        SpecModel fullAgain = LoadedSpec.of(fullModel);
        try (ImplRig rig = ImplRig.create(constants, Models.imageDir(), Set.of())) {
            TraceCheck.Verdict intact = TraceCheck.check(fullModel, constants.lblocks(), ScheduleRunner.run(fullAgain, rig, schedule, true));
            assertTrue(intact.conforms(), () -> "the full implementation on the same schedule: " + intact);
        }

        // The implementation without the step is a behaviour of the ablation model (its no-op step is the model's
        // skip), and TLC, checking its log against that model, reports the violation the model checker predicts.
        SpecModel ablationAgain = LoadedSpec.of(model);
        TraceCheck.Verdict predicted;
        try (ImplRig rig = ImplRig.create(ModelConstants.of(ablationAgain), Models.imageDir(), ablation)) {
            predicted = TraceCheck.check(model, constants.lblocks(), ScheduleRunner.run(ablationAgain, rig, schedule, false));
        }
        assertTrue(!predicted.conforms() && predicted.why().startsWith("invariant " + checked.violated() + " "),
                () -> modelName + ": expected " + checked.violated() + " violated on the implementation's log, got " + predicted);
        System.out.println(modelName + ": the implementation without " + ablation + " follows the model's steps; " + predicted.why());
    }
}
