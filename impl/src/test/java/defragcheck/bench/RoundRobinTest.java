package defragcheck.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundRobinTest {
    /** Pretends each run took {@code seconds} and records the order of calls. */
    private static Contender fake(String name, double seconds, List<String> calls, boolean corrupt) {
        return new Contender() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Measurement run(int chunk, long generation) {
                calls.add(name + generation);
                PatternCheck check = new PatternCheck();
                check.add(0, corrupt ? BlockPattern.Verdict.GARBAGE : BlockPattern.Verdict.OK);
                return new Measurement(name, DirectFile.MIB, (long) (seconds * 1e9), 8, 1, check);
            }
        };
    }

    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    @Test
    void theOrderRotatesEveryRound() throws Exception {
        List<String> calls = new ArrayList<>();
        List<Contender> cs = List.of(fake("a", 2, calls, false), fake("b", 2, calls, false), fake("c", 2, calls, false));
        RoundRobin.run(cs, List.of(4096), 3, 1_000_000_000L, List.of(), QUIET);
        assertEquals(List.of("a1", "b2", "c3", "b4", "c5", "a6", "c7", "a8", "b9"), calls);
    }

    @Test
    void shortRunsRepeatUntilTheMinimumOrTheCapAndAddUp() throws Exception {
        List<String> calls = new ArrayList<>();
        List<Contender> cs = List.of(fake("slow", 2, calls, false), fake("short", 0.3, calls, false), fake("tiny", 0.01, calls, false));
        RoundTable t = RoundRobin.run(cs, List.of(4096), 1, 1_000_000_000L, List.of(), QUIET).get(0);
        assertEquals(1, calls.stream().filter(c -> c.startsWith("slow")).count());
        assertEquals(4, calls.stream().filter(c -> c.startsWith("short")).count());
        assertEquals(RoundRobin.MAX_RUNS, calls.stream().filter(c -> c.startsWith("tiny")).count());
        Measurement shortRuns = t.rounds().get(0).get("short");
        assertEquals(4L * DirectFile.MIB, shortRuns.bytes());
        assertEquals(1.2e9, shortRuns.nanos(), 1e3);
        assertEquals(4, shortRuns.check().blocks());
    }

    @Test
    void oneBadRepetitionMakesTheWholeMeasurementUnsound() throws Exception {
        List<String> calls = new ArrayList<>();
        Contender flaky = new Contender() {
            final Contender good = fake("x", 0.1, calls, false);
            final Contender bad = fake("x", 0.1, calls, true);

            @Override
            public String name() {
                return "x";
            }

            @Override
            public Measurement run(int chunk, long generation) throws java.io.IOException {
                return generation == 3 ? bad.run(chunk, generation) : good.run(chunk, generation);
            }
        };
        RoundTable t = RoundRobin.run(List.of(flaky), List.of(4096), 1, 1_000_000_000L, List.of(), QUIET).get(0);
        assertFalse(t.rounds().get(0).get("x").sound());
    }
}
