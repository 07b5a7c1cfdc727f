package defragcheck.conformance;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import defragcheck.conformance.crash.CrashAblation;

/**
 * The implementation's ablations a model stands for, read from the model: its cfg replaces a step by a definition
 * of the model's module ({@code DrainDio <- SkipDrainDio} in model/DecsNoDrain.cfg, {@code CommitSwap <-
 * CommitWithoutFlush} in model/DecsCrashNoBarrier.cfg). A replaced DECS step is one {@link DecsWithoutStep} removes.
 * The model without those overrides is the full protocol in the same setting ({@link ModelVariant#withoutOverrides}).
 */
public record ModelAblations(Set<RemovableStep> steps, Set<CrashAblation> crash) {
    private static final Map<String, CrashAblation> CRASH = Map.of("CommitSwap", CrashAblation.NO_BARRIER,
            "LogIntent", CrashAblation.NO_INTENT, "Applies", CrashAblation.NO_REPLAY);

    public static ModelAblations of(SpecModel spec) {
        Set<RemovableStep> steps = EnumSet.noneOf(RemovableStep.class);
        Set<CrashAblation> crash = EnumSet.noneOf(CrashAblation.class);
        for (String replaced : spec.overrides().keySet()) {
            if (RemovableStep.ofAction(replaced) != null) {
                steps.add(RemovableStep.ofAction(replaced));
            } else if (CRASH.containsKey(replaced)) {
                crash.add(CRASH.get(replaced));
            } else {
                throw new ModelConstants.Unsupported(spec.model().name(), "its cfg replaces " + replaced
                        + ", which no ablation of the implementation does");
            }
        }
        return new ModelAblations(Set.copyOf(steps), Set.copyOf(crash));
    }

    public boolean none() {
        return steps.isEmpty() && crash.isEmpty();
    }
}
