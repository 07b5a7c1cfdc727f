package defragcheck.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tlc2.tool.impl.FastTool;
import tlc2.util.FP64;

/**
 * The conformance work explores models with TLC's FastTool in the same JVM as the model checks: the
 * harness's reset and module resolver must let it load a spec after a check, and a check after it.
 */
class FastToolAccessTest {

    @Test
    void fastToolLoadsAModelBetweenChecks() {
        CheckResult before = TlcRunner.check(Fixtures.good("LocksCrossed"));
        Model model = Fixtures.good("BlocksUnlocked");
        TlcStatics.reset();
        FP64.Init(0);
        FastTool tool = new FastTool(model.tla().getParent().toString(), model.module(), model.name(),
                TlcRunner.resolver(model));
        assertEquals(1, tool.getInitStates().size());
        List<String> actions = Arrays.stream(tool.getActions()).map(a -> a.getName().toString()).toList();
        assertEquals(List.of("Write", "Write", "Copy", "Swap"), actions);
        CheckResult after = TlcRunner.check(Fixtures.good("LocksCrossed"));
        assertEquals(Verdict.DEADLOCK_FAILURE, after.verdict(), after::output);
        assertEquals(before.counterexample(), after.counterexample());
        assertEquals(before.distinct(), after.distinct());
    }
}
