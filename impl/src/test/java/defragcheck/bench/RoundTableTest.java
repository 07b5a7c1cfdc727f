package defragcheck.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RoundTableTest {
    private static final Ratio A_OVER_B = new Ratio("a", "b");

    private static Measurement m(String who, double seconds) {
        PatternCheck ok = new PatternCheck();
        ok.add(0, BlockPattern.Verdict.OK);
        return new Measurement(who, 100L * DirectFile.MIB, (long) (seconds * 1e9), 10, 1, ok);
    }

    @Test
    void ratiosArePairedPerRoundAndTheMedianIsTakenOverThem() {
        RoundTable t = new RoundTable("64K", java.util.List.of("a", "b"), java.util.List.of(A_OVER_B));
        t.add(Map.of("a", m("a", 1), "b", m("b", 2)));   // a twice as fast: 2.0
        t.add(Map.of("a", m("a", 4), "b", m("b", 2)));   // 0.5
        t.add(Map.of("a", m("a", 1), "b", m("b", 4)));   // 4.0
        assertEquals(2.0, t.ratio(0, A_OVER_B).getAsDouble(), 1e-9);
        assertEquals(0.5, t.ratio(1, A_OVER_B).getAsDouble(), 1e-9);
        assertEquals(2.0, t.median(A_OVER_B).getAsDouble(), 1e-9);
        t.add(Map.of("a", m("a", 1), "b", m("b", 1)));   // 1.0 -> even count: (1.0 + 2.0) / 2
        assertEquals(1.5, t.median(A_OVER_B).getAsDouble(), 1e-9);
    }

    @Test
    void aRoundWithoutOneSideDoesNotCount() {
        RoundTable t = new RoundTable("4K", java.util.List.of("a", "b"), java.util.List.of(A_OVER_B));
        t.add(Map.of("b", m("b", 1)));
        assertFalse(t.ratio(0, A_OVER_B).isPresent());
        assertFalse(t.median(A_OVER_B).isPresent());
        t.add(Map.of("a", m("a", 1), "b", m("b", 3)));
        assertEquals(3.0, t.median(A_OVER_B).getAsDouble(), 1e-9);
        String text = t.render();
        assertTrue(text.contains("a/b"), text);
        assertTrue(text.lines().anyMatch(l -> l.strip().startsWith("median") && l.contains("3.00")), text);
    }
}
