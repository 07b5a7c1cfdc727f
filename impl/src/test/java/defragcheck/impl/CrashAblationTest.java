package defragcheck.impl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import defragcheck.conformance.crash.CrashAblation;

/**
 * The crash exploration has teeth: without the barrier before the commit record, without the intent record (the swap
 * applied in place, in pieces), or with recovery that ignores the journal, the same run has crash states that lose
 * data, expose garbage, mix old and new mappings or map a block twice.
 */
class CrashAblationTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(CrashAblation.class)
    void withoutItSomeCrashStateViolatesTheInvariants(CrashAblation ablation) throws Exception {
        DecsCrashScenario s = DecsCrashScenario.record(dir.resolve(ablation + ".img"), false, ablation, false);
        CrashExplorer.Result r = CrashExplorer.explore(s.initial, s.epochs, ablation.replays(), s::check, 1);
        System.out.println("DECS crash exploration with ablation " + ablation + ": " + r);
        for (String kind : expectedKinds(ablation)) {
            assertTrue(r.byKind().getOrDefault(kind, 0) > 0, ablation + " should leave crash states with '" + kind + "': " + r);
        }
    }

    /** What each missing part lets a crash do (kinds as in {@link DecsCrashScenario} and {@link CrashExplorer}). */
    private static List<String> expectedKinds(CrashAblation ablation) {
        return switch (ablation) {
            // the commit record reaches the media before the copy: orig maps the donor's stale blocks
            case NO_BARRIER -> List.of(kind(DecsCrashScenario.GARBAGE));
            // some blocks of the request swapped, the others not
            case NO_INTENT -> List.of(kind(DecsCrashScenario.MIXED));
            // the swap lived only in the journal: orig's old blocks come back, without the fsynced writes made since
            case NO_REPLAY -> List.of(kind(DecsCrashScenario.LOST));
        };
    }

    private static String kind(String prefix) {
        return prefix.substring(0, prefix.indexOf(':'));
    }
}
