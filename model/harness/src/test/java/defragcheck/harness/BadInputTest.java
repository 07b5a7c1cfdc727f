package defragcheck.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A model TLC cannot check (or stops checking) gives an error verdict with one line that names the file and, where
 * SANY or TLC say it, the line and column: no stack trace, no wall of TLC output.
 */
class BadInputTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Broken           | Broken.tla:6:1: parse error: Encountered "Beginning of definition" at line 6, column 1
            UnknownOperator  | UnknownOperator.tla:6:14: Unknown operator: `Successor'.
            UnknownConstant  | UnknownConstant.cfg:5:3: MaxWriters is neither a CONSTANT nor a definition of the specification
            UnknownInvariant | UnknownInvariant.cfg:6:21: The invariant NoExposure specified in the configuration file is not defined in the specification.
            BadCfgSyntax     | BadCfgSyntax.cfg:4: It was expecting = or <-, but did not find it.
            MissingLibrary   | MissingLibrary.tla:3:9: cannot find module NoSuchModule
            EvalError        | EvalError.tla:6:14: Attempted to apply the operator overridden by the Java method
            FalseAssumption  | FalseAssumption.tla:5:8: Assumption line 5, col 8 to line 5, col 12 of module FalseAssumption is false.
            MissingConfig    | MissingConfig.cfg: file not found
            NoSuchModel      | NoSuchModel.tla: file not found
            """)
    void oneLineNamingFileAndPosition(String model, String expected) {
        CheckResult r = TlcRunner.check(Fixtures.bad(model));
        assertEquals(Verdict.ERROR, r.verdict());
        String error = r.error();
        assertEquals(1, error.lines().count(), error);
        assertTrue(error.startsWith("model/harness/src/test/resources/bad-fixtures/model/" + expected), error);
        assertFalse(error.contains("Exception"), error);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            truncated      | model/manifest.json:1:
            unknown-result | model/manifest.json: model/A.cfg: result "passes" is not success
            """)
    void unreadableManifestIsOneLine(String dir, String expected) {
        Manifest.Invalid e = assertThrows(Manifest.Invalid.class,
                () -> Manifest.read(Fixtures.BAD_MANIFESTS.resolve(dir), Manifest.MODELS));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
