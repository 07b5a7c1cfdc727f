package defragcheck.harness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * One test per model of the default set the project's manifests declare: TLC, run in this JVM, must give the declared
 * result, violate the declared invariant or property, and for a passing model find exactly the
 * declared number of distinct states. A disagreement fails with TLC's counterexample.
 */
class ManifestModelsTest {

    @TestFactory
    Stream<DynamicTest> projectModels() throws Manifest.Invalid {
        Path root = ProjectRoot.get();
        // The default set only: the deep set (check --deep) takes a quarter of an hour on 2 cores.
        return tests(CheckCommand.defaultSet(root));
    }

    /** The harness's fixtures go through exactly the same path, so the harness is tested even without the spec. */
    @TestFactory
    Stream<DynamicTest> fixtureModels() throws Manifest.Invalid {
        return tests(Manifest.read(Fixtures.GOOD, Manifest.MODELS).models());
    }

    private static Stream<DynamicTest> tests(List<DeclaredModel> models) {
        return models.stream().map(d -> DynamicTest.dynamicTest(d.name() + ": " + d.expectation(), () -> {
            // A passing model has the same distinct states with any number of workers: use both cores. A
            // failing one keeps 1 worker, so that TLC reports the shortest counterexample and its invariant.
            int workers = d.expected() == Verdict.SUCCESS ? 2 : 1;
            Comparison c = Comparison.of(d, TlcRunner.check(d.model(), workers));
            assertTrue(c.matches(), c::report);
        }));
    }
}
