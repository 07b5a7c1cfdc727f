package defragcheck.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cfg variants bench-models grows a model with are checked as the changed constants say. */
class CfgVariantTest {
    private static final Path DIR = TlcRunner.WORK.resolve("test-variants");

    @Test
    void smallerConstantsGiveTheSmallerStateSpace() throws Exception {
        Map<String, Integer> constants = new LinkedHashMap<>();
        constants.put("LBlocks", 1);
        constants.put("MaxWrites", 1);
        Model variant = CfgVariant.of(Fixtures.good("BlocksLocked"), constants, DIR);
        assertEquals("BlocksLocked_LBlocks1_MaxWrites1", variant.name());
        CheckResult r = TlcRunner.check(variant);
        assertEquals(Verdict.SUCCESS, r.verdict(), r::output);
        assertEquals(10, r.distinct());
    }

    @Test
    void aConstantTheCfgDoesNotSetIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CfgVariant.of(Fixtures.good("LocksOrdered"), Map.of("LBlocks", 2), DIR));
        assertTrue(e.getMessage().endsWith("LocksOrdered.cfg: no integer constant LBlocks"), e.getMessage());
    }
}
