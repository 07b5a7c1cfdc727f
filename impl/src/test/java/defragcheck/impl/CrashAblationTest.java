package defragcheck.impl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import defragcheck.impl.fs.CrashAblation;

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
        CrashExplorer.Result r = CrashExplorer.explore(s.initial, s.epochs, DecsCrashScenario.recoveryAblations(ablation), s::check, 1);
        System.out.println("DECS crash exploration with ablation " + ablation + ": " + r);
        assertTrue(r.violating() > 0, ablation + " should leave a violating crash state: " + r);
    }
}
