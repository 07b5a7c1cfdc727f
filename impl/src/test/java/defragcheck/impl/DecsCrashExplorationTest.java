package defragcheck.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A crash at every write of a drain-evict-copy-swap run with concurrent writers: every crash state the device could
 * be left in (completed flush epochs plus any subset of the open epoch's writes; a torn metadata write; a second
 * crash during recovery) recovers to a state that keeps every durable write, never shows garbage, maps the request
 * all-old or all-new, and conserves blocks.
 */
class DecsCrashExplorationTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "dax={0}")
    @ValueSource(booleans = {false, true})
    void noCrashStateLosesData(boolean dax) throws Exception {
        DecsCrashScenario s = DecsCrashScenario.record(dir.resolve("decs-" + dax + ".img"), dax, null, false);
        CrashExplorer.Result r = CrashExplorer.explore(s.initial, s.epochs, true, s::check, 1);
        System.out.println("DECS crash exploration, dax=" + dax + ", deterministic schedule: " + r);
        assertEquals(0, r.violating(), r.toString());
        assertTrue(r.states() >= 2048, "the copy and the intent share one epoch of at least 11 writes: " + r);
        assertTrue(r.recoveryCrashes() > 0 && r.torn() > 0, "recovery replayed and checkpointed the swap in some states: " + r);
    }

    @Test
    void aLargerRequestWhoseOpenEpochIsSampled() throws Exception {
        DecsCrashScenario s = DecsCrashScenario.record(dir.resolve("large.img"), false, null, false, 16);
        CrashExplorer.Result r = CrashExplorer.explore(s.initial, s.epochs, true, s::check, 2);
        System.out.println("DECS crash exploration, 16-block request, open epoch sampled: " + r);
        assertEquals(0, r.violating(), r.toString());
        assertTrue(r.largestEpoch() > CrashExplorer.EXHAUSTIVE, r.toString());
    }

    @Test
    void noCrashStateLosesDataWithRacingWriterThreads() throws Exception {
        int total = 0;
        for (int run = 0; run < 3; run++) {
            DecsCrashScenario s = DecsCrashScenario.record(dir.resolve("threads-" + run + ".img"), false, null, true);
            CrashExplorer.Result r = CrashExplorer.explore(s.initial, s.epochs, true, s::check, run);
            System.out.println("DECS crash exploration, real threads, run " + run + ": " + r);
            assertEquals(0, r.violating(), r.toString());
            total += r.states();
        }
        assertTrue(total > 100, "explored " + total);
    }
}
