package defragcheck.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * Coverage of the spec-to-implementation replays on the default small models: which actions were executed on the
 * implementation, and what fraction of each model's distinct states (the full reachable set, explored by FastTool
 * in this JVM) the replayed behaviours passed through, each replay checked state by state. Behaviours are steered
 * to unvisited states ({@link StateGraph#planWalk}). Asserted: every action of Next that some reachable state of
 * these models takes (the rig's models leave direct reads, reclaim and Stat disabled) is exercised, and at least 90%
 * of every model's states are visited (the aim; reaching it costs about one replay per 7-9 new states,
 * within this suite's budget; the replays stop there so that the run time stays bounded).
 */
class CoverageTest {
    static final List<String> DEFAULT_MODELS = List.of("DecsNoDaxImpl", "DecsDax", "LegacyNoDaxImpl", "LegacyDax");
    static final double TARGET = 0.90;

    @Test
    void replaysCoverEveryActionAndMostStatesOfTheDefaultModels() throws Exception {
        Set<String> specActions = new TreeSet<>();
        Set<String> exercised = new TreeSet<>();
        List<CoverageRun.Report> reports = new ArrayList<>();
        for (String model : DEFAULT_MODELS) {
            LoadedSpec.forget();
            SpecModel spec = LoadedSpec.of(model);
            CoverageRun.Report r = CoverageRun.run(spec, 1, TARGET, 20_000, 40);
            assertNull(r.mismatch(), () -> model + ": " + r.mismatch());
            specActions.addAll(r.specActions());
            reports.add(r);
            exercised.addAll(r.actions().keySet());
        }
        System.out.println("Conformance coverage (spec-to-implementation replays on O_DIRECT images):");
        reports.forEach(r -> System.out.println("  " + r));
        Set<String> missing = new TreeSet<>(specActions);
        missing.removeAll(exercised);
        System.out.println("  actions of Next taken in the models: " + specActions.size() + ", exercised: " + exercised + ", not exercised: " + missing);
        assertEquals(Set.of(), missing, "every action of Next is executed on the implementation");
        for (CoverageRun.Report r : reports) {
            assertTrue(r.fraction() >= TARGET, () -> r.model() + " visited " + r.fraction());
        }
    }
}
