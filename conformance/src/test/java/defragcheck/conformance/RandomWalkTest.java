package defragcheck.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import defragcheck.harness.CfgVariant;
import defragcheck.harness.TlcRunner;

/**
 * The random walk checks the cfg's invariants on every state it reaches: on a model with a known violation it finds
 * it, on a passing one it walks every behaviour asked for without one, also at bounds no exhaustive run reaches.
 */
class RandomWalkTest {
    @AfterEach
    void forgetTheSpec() {
        LoadedSpec.forget();  // the walks below load their own
    }

    @Test
    void findsTheLegacyDaxExposure() {
        RandomWalk.Report r = RandomWalk.run(SpecModel.load(Models.named("LegacyDax")), 1, 2_000, 50);
        assertNotNull(r.violation(), "no violation in " + r.behaviours() + " behaviours");
        assertTrue(r.violation().invariants().contains("NoExposure"), r.violation().invariants().toString());
        assertEquals("Init", r.violation().actions().get(0));
        assertEquals(r.violation().behaviour(), r.behaviours());
    }

    @Test
    void walksEveryBehaviourOfAPassingModelAtLargeBoundsWithoutViolation() throws Exception {
        var model = CfgVariant.of(Models.named("DecsDax"), Map.of("LBlocks", 6, "MaxWrites", 12),
                TlcRunner.WORK.resolve("walk-test"));
        RandomWalk.Report r = RandomWalk.run(SpecModel.load(model), 7, 40, 300);
        assertNull(r.violation(), () -> "violation: " + r.violation());
        assertEquals(40, r.behaviours());
        assertTrue(r.longest() >= 20 && r.longest() <= 300, "longest " + r.longest());
        assertTrue(r.steps() >= r.longest() && r.steps() <= 40L * 300, "steps " + r.steps());
    }
}
