package defragcheck.conformance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import defragcheck.harness.Model;

/**
 * Implementation to spec by trace validation: free, truly concurrent runs of the implementation (users, flusher,
 * end_io, defrag, each in its own thread, nobody told when to go) log their steps at their linearization points,
 * and TLC must find a behaviour of the model that consumes each log (spec/Trace.tla). The rig never grants a step;
 * where the spec would not allow one, the implementation has to block by itself, or the log shows it.
 */
class LoggedRunTest {
    private static final int BLOCKS = 8;
    private static final int WRITES = 60;
    private static final int RUNS = 8;

    @Test
    void decsWithoutDaxConforms() throws Exception {
        List<EventLog.Entry> logs = conforms("DecsNoDaxImpl", 3);
        assertTrue(logs.stream().anyMatch(e -> e.action().equals("DioSubmit")), "no direct write was made");
    }

    @Test
    void decsWithDaxConforms() throws Exception {
        List<EventLog.Entry> logs = conforms("DecsDax", 2);
        assertTrue(logs.stream().anyMatch(e -> e.action().equals("DaxStore")), "no store through a DAX mapping was made");
    }

    @Test
    void legacyWithoutDaxConforms() throws Exception {
        conforms("LegacyNoDaxImpl", 2);
    }

    /**
     * The check also reports what a broken protocol does: a free run of the legacy protocol on DAX files is a
     * behaviour of LegacyDax, whose states expose the donor's stale blocks, as TLC's counterexample for that model does.
     */
    @Test
    void legacyWithDaxIsSeenToExposeStaleBlocks() throws Exception {
        EventLog log = run("LegacyDax", 1, 2);
        TraceCheck.Verdict v = TraceCheck.check(Models.named("LegacyDax"), BLOCKS, log);
        assertFalse(v.conforms(), "a legacy defrag of DAX files passed as keeping the data");
        assertTrue(v.why().startsWith("invariant NoExposure "), v::toString);
    }

    /** The drain was seen to wait: some run completed a direct write after the defrag's locks and before its drain. */
    @Test
    void theDrainIsObservedToWaitForDirectWrites() throws Exception {
        boolean waited = false;
        for (long seed = 1; seed <= 4 * RUNS && !waited; seed++) {
            List<EventLog.Entry> log = run("DecsNoDaxImpl", seed).entries();
            int lock = indexOf(log, e -> e.action().equals("LockInodes"));
            int drain = indexOf(log, e -> e.action().equals("DrainDio"));
            waited = log.subList(lock, drain).stream().anyMatch(e -> e.action().equals("DioComplete"));
        }
        assertTrue(waited, "in " + 4 * RUNS + " runs no direct write completed between the defrag's LockInodes and its drain");
    }

    /** The check has teeth of its own: the same log without its drain, or with a stale final read, is refused. */
    @Test
    void aTamperedLogIsRefused() throws Exception {
        EventLog log = run("DecsNoDaxImpl", 7);
        List<String> events = EventLog.render(log.entries());
        Model model = Models.named("DecsNoDaxImpl");
        assertTrue(TraceCheck.check(model, BLOCKS, log.writes(), events).conforms(), "the untouched log");

        List<String> noDrain = new ArrayList<>(events);
        noDrain.removeIf(e -> e.contains("\"DrainDio\""));
        TraceCheck.Verdict v = TraceCheck.check(model, BLOCKS, log.writes(), noDrain);
        assertFalse(v.conforms(), "a log without DrainDio conformed");

        List<String> stale = new ArrayList<>(events);
        int last = stale.size() - 1;
        while (!stale.get(last).contains("\"Read\", f |-> \"orig\"") || stale.get(last).endsWith("v |-> 0]")) {
            last--;
        }
        stale.set(last, stale.get(last).replaceAll("v \\|-> \\d+", "v |-> 0"));
        TraceCheck.Verdict refused = TraceCheck.check(model, BLOCKS, log.writes(), stale);
        int staleRead = last;
        assertFalse(refused.conforms(), "a log whose final read returned Zero for a written block conformed");
        assertTrue(refused.consumed() == staleRead, () -> "refused at event " + (refused.consumed() + 1) + ", not at the stale read " + (staleRead + 1));
    }

    /** {@code RUNS} free runs of {@code model} conform; returns their events; each run moved the data. */
    private static List<EventLog.Entry> conforms(String model, int writers) throws Exception {
        List<EventLog.Entry> all = new ArrayList<>();
        for (long seed = 1; seed <= RUNS; seed++) {
            EventLog log = run(model, seed, writers);
            TraceCheck.Verdict v = TraceCheck.check(Models.named(model), BLOCKS, log);
            assertTrue(v.conforms(), () -> model + " run " + v);
            assertTrue(log.entries().stream().anyMatch(e -> e.action().equals("Unlock")), "the defrag never finished");
            all.addAll(log.entries());
        }
        return all;
    }

    private static EventLog run(String model, long seed) throws Exception {
        return run(model, seed, 3);
    }

    private static EventLog run(String model, long seed, int writers) throws Exception {
        ModelConstants c = ModelConstants.of(LoadedSpec.of(model)).withBounds(BLOCKS, WRITES);
        LoadedSpec.forget(); // the trace check's TLC run replaces the loaded spec
        try (ImplRig rig = ImplRig.createUngated(c, Models.imageDir(), Set.of())) {
            return LoggedRun.run(rig, seed, writers, WRITES);
        }
    }

    private static int indexOf(List<EventLog.Entry> log, Predicate<EventLog.Entry> p) {
        for (int i = 0; i < log.size(); i++) {
            if (p.test(log.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no such event in the log");
    }
}
