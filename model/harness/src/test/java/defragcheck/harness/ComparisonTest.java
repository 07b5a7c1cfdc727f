package defragcheck.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A manifest that declares the wrong thing must fail, and say what TLC found instead. */
class ComparisonTest {

    private static DeclaredModel declared(String name, Verdict expected, String violated, Long distinct) {
        return new DeclaredModel(name, Fixtures.good(name), expected, violated, distinct, null, null, null, List.of(), null, null);
    }

    @Test
    void declaredSuccessButViolatedShowsTheCounterexample() {
        Comparison c = Comparison.of(declared("BlocksUnlocked", Verdict.SUCCESS, null, 26L),
                TlcRunner.check(Fixtures.good("BlocksUnlocked")));
        assertEquals(List.of("expected success, got safety failure (Integrity)"), c.disagreements());
        assertTrue(c.report().contains("    4  Swap           map[1] = 3"), c.report());
    }

    @Test
    void wrongInvariantName() {
        Comparison c = Comparison.of(declared("BlocksUnlocked", Verdict.SAFETY_FAILURE, "TypeOK", null),
                TlcRunner.check(Fixtures.good("BlocksUnlocked")));
        assertEquals(List.of("expected safety failure (TypeOK), but Integrity was violated"), c.disagreements());
    }

    @Test
    void passingModelMustHaveExactlyTheDeclaredStateCount() {
        CheckResult r = TlcRunner.check(Fixtures.good("BlocksLocked"));
        assertTrue(Comparison.of(declared("BlocksLocked", Verdict.SUCCESS, null, 48L), r).matches());
        assertEquals(List.of("expected 47 distinct states, found 48"),
                Comparison.of(declared("BlocksLocked", Verdict.SUCCESS, null, 47L), r).disagreements());
        assertEquals(List.of("the manifest declares no distinctStates for a passing model (found 48)"),
                Comparison.of(declared("BlocksLocked", Verdict.SUCCESS, null, null), r).disagreements());
    }

    @Test
    void expectedViolationThatDoesNotHappen() {
        Comparison c = Comparison.of(declared("LocksOrdered", Verdict.DEADLOCK_FAILURE, null, null),
                TlcRunner.check(Fixtures.good("LocksOrdered")));
        assertEquals(List.of("expected deadlock failure, got success"), c.disagreements());
    }
}
