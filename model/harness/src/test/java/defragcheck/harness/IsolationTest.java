package defragcheck.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * TLC keeps static state between runs in one JVM. Checking the same models again, interleaved with
 * other specs and with failing runs, must give exactly the first answers (verdict, counts,
 * counterexample): otherwise one test's model would change another's result.
 */
class IsolationTest {

    /** Everything a run reports except the wall time and TLC's console text (timestamps, seeds). */
    private record Answer(Verdict verdict, String violated, long distinct, long generated, long depth,
            Counterexample counterexample, String error) {
        static Answer of(CheckResult r) {
            return new Answer(r.verdict(), r.violated(), r.distinct(), r.generated(), r.depth(), r.counterexample(),
                    r.error());
        }
    }

    private static Answer check(String model) {
        return Answer.of(TlcRunner.check(Fixtures.good(model)));
    }

    @Test
    void passingAndFailingModelsTwiceGiveIdenticalResults() {
        Answer pass1 = check("BlocksLocked");
        Answer fail1 = check("BlocksUnlocked");
        Answer deadlock1 = check("LocksCrossed");
        Answer pass2 = check("BlocksLocked");
        Answer fail2 = check("BlocksUnlocked");
        Answer deadlock2 = check("LocksCrossed");
        assertEquals(Verdict.SUCCESS, pass1.verdict());
        assertEquals(Verdict.SAFETY_FAILURE, fail1.verdict());
        assertEquals(Verdict.DEADLOCK_FAILURE, deadlock1.verdict());
        assertEquals(pass1, pass2);
        assertEquals(fail1, fail2);
        assertEquals(deadlock1, deadlock2);
    }

    @Test
    void livenessPassesAfterALivenessViolation() {
        Answer holds1 = check("RetryStrong");
        Answer violated1 = check("RetryWeak");
        Answer holds2 = check("RetryStrong");
        Answer violated2 = check("RetryWeak");
        assertEquals(Verdict.SUCCESS, holds1.verdict());
        assertEquals(Verdict.LIVENESS_FAILURE, violated1.verdict());
        assertEquals(holds1, holds2);
        assertEquals(violated1, violated2);
    }

    @Test
    void aParseErrorLeavesNothingBehindForTheNextRun() {
        Answer before = check("BlocksUnlocked");
        assertEquals(Verdict.ERROR, TlcRunner.check(Fixtures.bad("Broken")).verdict());
        assertEquals(Verdict.ERROR, TlcRunner.check(Fixtures.bad("UnknownInvariant")).verdict());
        assertEquals(before, check("BlocksUnlocked"));
    }
}
