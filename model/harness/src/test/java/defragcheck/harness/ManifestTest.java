package defragcheck.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The manifest reader resolves paths against the project root and keeps every declared field. */
class ManifestTest {

    @Test
    void readsModulesModelsAndDeclaredOutcomes() throws Manifest.Invalid {
        Manifest m = Manifest.read(Fixtures.GOOD, Manifest.MODELS);
        assertEquals(8, m.models().size());
        DeclaredModel weak = m.find("RetryWeak").orElseThrow();
        assertEquals(Verdict.LIVENESS_FAILURE, weak.expected());
        assertEquals("Finishes", weak.violated());
        assertEquals(List.of("liveness"), weak.features());
        assertEquals(Fixtures.GOOD.resolve("model/RetryWeak.tla"), weak.model().tla());
        assertEquals(Fixtures.GOOD.resolve("model/RetryWeak.cfg"), weak.model().cfg());
        assertEquals(List.of(Fixtures.GOOD.resolve("spec")), weak.model().library());
        DeclaredModel locked = m.find("BlocksLocked").orElseThrow();
        assertEquals(Verdict.SUCCESS, locked.expected());
        assertNull(locked.violated());
        assertEquals(48L, locked.distinctStates());
        assertEquals(69L, locked.totalStates());
        assertEquals(7L, locked.stateDepth());
        assertEquals("success", locked.expectation());
        assertEquals("liveness failure (Finishes)", weak.expectation());
    }
}
