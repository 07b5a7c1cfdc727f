package defragcheck.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import defragcheck.harness.report.ReportChecks;
import defragcheck.harness.report.ReportSite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * One test per model of the default set the project's manifests declare: TLC, run in this JVM, must give the declared
 * result, violate the declared invariant or property, and for a passing model find exactly the
 * declared number of distinct states. A disagreement fails with TLC's counterexample. Then, from the
 * same results, the reviewer's report is written to {@code target/report/} and checked.
 */
class ManifestModelsTest {

    /** Where {@code mvn test} writes the reviewer's report of the project's models (README). */
    static final Path REPORT = Path.of("target/report").toAbsolutePath();

    @TestFactory
    Stream<DynamicTest> projectModels() throws Manifest.Invalid {
        Path root = ProjectRoot.get();
        // The default set only: the deep set (check --deep) takes a quarter of an hour on 2 cores.
        List<DeclaredModel> models = CheckCommand.defaultSet(root);
        List<Comparison> results = Collections.synchronizedList(new ArrayList<>());
        // Last, from the results the tests above computed (TLC is not run again): the report site.
        DynamicTest report = DynamicTest.dynamicTest("report: " + ProjectRoot.display(REPORT), () -> {
            assertEquals(models.size(), results.size(), "every model was checked before the report is written");
            List<String> pages = ReportSite.write(REPORT, root, results);
            long failing = models.stream().filter(d -> d.expected() != Verdict.SUCCESS).count();
            assertEquals(failing, pages.size(), "a page for every counterexample of the manifests");
            assertEquals(failing, ReportChecks.check(REPORT, results));
            assertEquals(List.of(), ReportChecks.unassignedActions(results), "every step of the spec has its actor's lane");
        });
        return Stream.concat(tests(models, results), Stream.of(report));
    }

    /** The harness's fixtures go through exactly the same path, so the harness is tested even without the spec. */
    @TestFactory
    Stream<DynamicTest> fixtureModels() throws Manifest.Invalid {
        return tests(Manifest.read(Fixtures.GOOD, Manifest.MODELS).models(), new ArrayList<>());
    }

    private static Stream<DynamicTest> tests(List<DeclaredModel> models, List<Comparison> results) {
        return models.stream().map(d -> DynamicTest.dynamicTest(d.name() + ": " + d.expectation(), () -> {
            // A passing model has the same distinct states with any number of workers: use both cores. A
            // failing one keeps 1 worker, so that TLC reports the shortest counterexample and its invariant.
            int workers = d.expected() == Verdict.SUCCESS ? 2 : 1;
            Comparison c = Comparison.of(d, TlcRunner.check(d.model(), workers));
            results.add(c);
            assertTrue(c.matches(), c::report);
        }));
    }
}
