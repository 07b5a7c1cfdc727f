package defragcheck.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a check reports: verdict, names, counts, and the counterexample with its actions and changes. */
class TlcRunnerTest {

    @Test
    void passingModelReportsItsStateSpace() {
        CheckResult r = TlcRunner.check(Fixtures.good("BlocksLocked"));
        assertEquals(Verdict.SUCCESS, r.verdict(), r::output);
        assertNull(r.violated());
        assertEquals(48, r.distinct());
        assertEquals(69, r.generated());
        assertEquals(7, r.depth());
        assertTrue(r.counterexample().states().isEmpty());
        assertTrue(r.output().contains("Model checking completed. No error has been found."), r::output);
    }

    @Test
    void invariantViolationGivesTheStepsWithTheirActionsAndChanges() {
        CheckResult r = TlcRunner.check(Fixtures.good("BlocksUnlocked"));
        assertEquals(Verdict.SAFETY_FAILURE, r.verdict());
        assertEquals("Integrity", r.violated());
        Counterexample cx = r.counterexample();
        assertEquals(List.of("Init", "Copy", "Write", "Swap"), cx.actions());
        assertFalse(cx.isLasso());
        TraceState first = cx.states().get(0);
        assertEquals(List.of("disk", "map", "last", "pc", "writes"), List.copyOf(first.values().keySet()));
        assertEquals(5, first.changes().size(), "the first state is shown in full");
        TraceState swap = cx.states().get(3);
        assertEquals(List.of(new Change("map[1]", "3"), new Change("map[2]", "4"), new Change("pc", "\"idle\"")),
                swap.changes());
        assertEquals("<<1, 0, 0, 0>>", swap.values().get("disk"));
    }

    @Test
    void deadlockIsItsOwnVerdict() {
        CheckResult r = TlcRunner.check(Fixtures.good("LocksCrossed"));
        assertEquals(Verdict.DEADLOCK_FAILURE, r.verdict());
        assertNull(r.violated());
        assertEquals(List.of("Init", "LockFirst", "LockFirst"), r.counterexample().actions());
        assertEquals(List.of(new Change("holder[\"b\"]", "2"), new Change("pc[2]", "\"one\"")),
                r.counterexample().states().get(2).changes());
    }

    @Test
    void livenessViolationGivesTheLassoAndTheCfgsProperty() {
        CheckResult r = TlcRunner.check(Fixtures.good("RetryWeak"));
        assertEquals(Verdict.LIVENESS_FAILURE, r.verdict());
        assertEquals("Finishes", r.violated());
        Counterexample cx = r.counterexample();
        assertEquals(List.of("Init", "Start", "Retry", "Start", "Retry", "Start"), cx.actions());
        assertEquals(1, cx.loopBackTo());
        assertEquals("Retry", cx.loopAction());
        assertFalse(cx.stutters());
    }

    @Test
    void livenessViolationByStuttering() {
        CheckResult r = TlcRunner.check(Fixtures.good("RetryUnfair"));
        assertEquals(Verdict.LIVENESS_FAILURE, r.verdict());
        assertTrue(r.counterexample().stutters());
        assertNull(r.counterexample().loopBackTo());
        assertEquals(List.of("Init"), r.counterexample().actions());
    }

    @Test
    void severalPropertiesCannotBeToldApart() {
        CheckResult r = TlcRunner.check(Fixtures.good("RetryTwoProperties"));
        assertEquals(Verdict.LIVENESS_FAILURE, r.verdict());
        assertEquals("temporal property", r.violated());
    }

    @Test
    void twoWorkersFindTheSameStates() {
        CheckResult one = TlcRunner.check(Fixtures.good("BlocksLocked"), 1);
        CheckResult two = TlcRunner.check(Fixtures.good("BlocksLocked"), 2);
        assertEquals(Verdict.SUCCESS, two.verdict(), two::output);
        assertEquals(one.distinct(), two.distinct());
        assertTrue(two.output().contains("with 2 workers"), two::output);
    }

    @Test
    void counterexampleTextShowsOnlyWhatEachStepChanged() {
        String text = CounterexampleText.render(TlcRunner.check(Fixtures.good("BlocksUnlocked")));
        List<String> lines = text.lines().toList();
        assertEquals("Counterexample for BlocksUnlocked: Integrity violated, 4 states", lines.get(0));
        assertEquals("    1  Init           disk = <<0, 0, 0, 0>>", lines.get(1));
        assertTrue(lines.contains("    3  Write(lb = 1)  disk[1] = 1"), text);
        assertEquals(List.of("    4  Swap           map[1] = 3", "                      map[2] = 4", "                      pc = \"idle\"",
                        "       Integrity fails at lb = 1: disk[map[lb]] = 0, last[lb] = 1"),
                lines.subList(lines.size() - 4, lines.size()));
    }
}
