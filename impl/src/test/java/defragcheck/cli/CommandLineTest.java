package defragcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import defragcheck.bench.DefragBenchmark;
import defragcheck.conformance.ConformanceBenchmark;
import defragcheck.harness.ChildJvm;

/**
 * The tool's manners: {@code --help} for it and every command (usage on stdout, exit 0), and bad input as one line
 * on stderr with exit 2.
 */
class CommandLineTest {
    private record Run(int exit, String out, String err) {}

    private interface Command {
        int run(String[] args, PrintStream out, PrintStream err);
    }

    private static Run run(Command c, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int exit = c.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "check --help", "bench-models --help", "image --help", "demo --help", "bench --help",
            "bench-conformance --help", "worker --help", "walk --help"})
    void helpIsTheUsageOnStdoutWithExitZero(String args) throws Exception {
        try (ChildJvm child = ChildJvm.start(List.of(), args.split(" "))) {
            assertEquals(0, child.exit(120), child.out() + child.err());
            assertTrue(child.out().startsWith("usage: "), child.out());
            assertEquals("", child.err());
        }
    }

    @Test
    void anUnknownCommandIsBadInput() throws Exception {
        try (ChildJvm child = ChildJvm.start(List.of(), "frobnicate")) {
            assertEquals(2, child.exit(120));
            assertEquals(1, child.err().lines().count(), child.err());
            assertEquals("", child.out());
        }
    }

    @Test
    void benchConformanceRefusesAFailingModelInOneLine() {
        Run r = run(ConformanceBenchmark::run, "--models", "LegacyDax", "--rounds", "1", "--walks", "1");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("bench-conformance: LegacyDax is declared safety failure"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void benchHelpNeedsNoOtherArgument() {
        Run r = run(DefragBenchmark::main, "--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("usage: bench "), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--rounds 0", "--rounds -3", "--budget -1", "--budget 0", "--rounds 99999999999"})
    void benchModelsRefusesOutOfRangeOptions(String args) throws Exception {
        try (ChildJvm child = ChildJvm.start(List.of(), ("bench-models --root model/harness/src/test/resources/fixtures "
                + "--growth BlocksLocked " + args).split(" "))) {
            assertEquals(2, child.exit(300), child.out() + child.err());
            assertEquals("", child.out());
            assertEquals(1, child.err().lines().count(), child.err());
            assertTrue(child.err().startsWith("bench-models: " + args.split(" ")[0]), child.err());
        }
    }
}
