package defragcheck.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@code bench-models} options on any value: a one-line refusal naming the option, or rounds and budget in range. */
class BenchModelsOptionsPropertyTest {
    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(Arbitraries.integers().between(-5, 1005).map(String::valueOf), Arbitraries.longs().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.of("0", "-3", "-1", "0.0", "-0.0", "1e-9", "NaN", "Infinity", "-Infinity", "2147483648", "", "x", "1e7"));
    }

    @Property(tries = 500)
    void roundsAndBudgetAreRefusedInOneLineOrInRange(@ForAll("values") String rounds, @ForAll("values") String budget) {
        ModelBenchmark.Options o;
        try {
            o = ModelBenchmark.Options.parse(new String[] {"--rounds", rounds, "--budget", budget});
        } catch (IllegalArgumentException e) {
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertTrue(e.getMessage().startsWith("--rounds") || e.getMessage().startsWith("--budget"), e.getMessage());
            return;
        }
        assertTrue(o.rounds() >= 1 && o.rounds() <= 1000, "rounds " + o.rounds());
        assertTrue(o.budget() > 0 && o.budget() <= 1e6, "budget " + o.budget());
    }
}
