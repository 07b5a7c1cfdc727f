package defragcheck.conformance;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import defragcheck.impl.defrag.Ablation;
import defragcheck.conformance.crash.CrashAblation;

/**
 * The implementation's ablations a model stands for, read from the model: its cfg replaces a step by a definition
 * of the model's module ({@code DrainDio <- SkipDrainDio} in model/DecsNoDrain.cfg, {@code CommitSwap <-
 * CommitWithoutFlush} in model/DecsCrashNoBarrier.cfg). The model without those overrides is the full protocol in
 * the same setting ({@link ModelVariant#withoutOverrides}).
 */
public record ModelAblations(Set<Ablation> steps, Set<CrashAblation> crash) {
    private static final Map<String, Ablation> STEP = Map.of("LockInodes", Ablation.NO_LOCKS, "LockInvalidate",
            Ablation.NO_INVALIDATE_LOCK, "DrainDio", Ablation.NO_DRAIN, "FlushCache", Ablation.NO_FLUSH, "EvictCache",
            Ablation.NO_EVICT, "CopyData", Ablation.NO_COPY);
    private static final Map<String, CrashAblation> CRASH = Map.of("CommitSwap", CrashAblation.NO_BARRIER,
            "LogIntent", CrashAblation.NO_INTENT, "Applies", CrashAblation.NO_REPLAY);

    public static ModelAblations of(SpecModel spec) {
        Set<Ablation> steps = EnumSet.noneOf(Ablation.class);
        Set<CrashAblation> crash = EnumSet.noneOf(CrashAblation.class);
        for (String replaced : spec.overrides().keySet()) {
            if (STEP.containsKey(replaced)) {
                steps.add(STEP.get(replaced));
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
