package defragcheck.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static java.nio.charset.StandardCharsets.UTF_8;

/** The {@code check} command: its table, its counterexamples, its exit status, and its manners on bad input. */
class CheckCommandTest {

    /** What the command printed, including anything that bypassed its streams (System.out/err). */
    private record Run(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private static Run check(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream sysOut = System.out;
        PrintStream sysErr = System.err;
        try (PrintStream o = new PrintStream(out, true, UTF_8); PrintStream e = new PrintStream(err, true, UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            int exit = CheckCommand.run(args, o, e);
            return new Run(exit, out.toString(UTF_8), err.toString(UTF_8));
        } finally {
            System.setOut(sysOut);
            System.setErr(sysErr);
        }
    }

    private static void assertNoStackTrace(Run r) {
        assertFalse(r.all().contains("Exception"), r.all());
        assertFalse(r.all().contains("\tat "), r.all());
    }

    @Test
    void everyModelAsDeclaredExitsZero() {
        Run r = check("--root", Fixtures.GOOD.toString());
        assertEquals(0, r.exit(), r.all());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("model\\s+expected\\s+verdict\\s+distinct\\s+depth\\s+seconds\\s*"), lines.get(0));
        assertTrue(lines.get(1).matches("BlocksLocked\\s+success\\s+success\\s+48\\s+7\\s+\\d+\\.\\d\\s+OK"), lines.get(1));
        assertTrue(r.out().contains("Counterexample for LocksCrossed: deadlock (no action enabled), 3 states"), r.out());
        assertTrue(r.out().contains("then Retry leads back to state 1: this loop repeats forever"), r.out());
        assertTrue(r.out().endsWith("8 of 8 models gave their declared result.\n"), r.out());
        assertNoStackTrace(r);
    }

    @Test
    void namedModelsOnly() {
        Run r = check("--root", Fixtures.GOOD.toString(), "LocksOrdered");
        assertEquals(0, r.exit(), r.all());
        assertEquals(4, r.out().lines().count(), r.out());
    }

    @Test
    void modelsThatCannotBeCheckedAreBadInputOneLineEachOnStderrExitTwo() throws IOException {
        List<String> before = listing(Fixtures.BAD);
        Run r = check("--root", Fixtures.BAD.toString());
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().startsWith("check: Broken: TLC could not check it: "
                + "model/harness/src/test/resources/bad-fixtures/model/Broken.tla:6:1: parse error: "), r.err());
        assertEquals(10, r.err().lines().filter(l -> l.startsWith("check: ")).count(), r.err());
        assertEquals(10, r.err().lines().count(), r.err());
        assertFalse(r.out().contains("MISMATCH"), "MISMATCH is a wrong verdict, not an unreadable model: " + r.out());
        assertTrue(r.out().endsWith("0 of 10 models gave their declared result.\n"), r.out());
        assertNoStackTrace(r);
        assertEquals(before, listing(Fixtures.BAD), "checking must not write next to the models");
    }

    @Test
    void helpPrintsTheUsageAndExitsZero() {
        Run r = check("--help");
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().startsWith("usage: check "), r.out());
        assertEquals("", r.err());
    }

    @Test
    void unreadableManifestUnknownModelOrOptionExitTwoWithOneLine() {
        for (Run r : List.of(
                check("--root", Fixtures.BAD_MANIFESTS.resolve("truncated").toString()),
                check("--root", Fixtures.BAD_MANIFESTS.resolve("missing").toString()),
                check("--root", Fixtures.GOOD.toString(), "NoSuchModel"),
                check("--frobnicate"))) {
            assertEquals(2, r.exit(), r.all());
            assertEquals("", r.out());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("check: "), r.err());
            assertNoStackTrace(r);
        }
    }

    @Test
    void reportWritesTheSiteOfTheRun(@TempDir Path dir) throws IOException {
        Path site = dir.resolve("new/report");
        Run r = check("--root", Fixtures.GOOD.toString(), "--report", site.toString(), "BlocksUnlocked", "BlocksLocked");
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("Report: " + site.resolve("index.html") + " (1 counterexample pages)"), r.out());
        assertTrue(Files.isRegularFile(site.resolve("cx/BlocksUnlocked.html")));
        assertTrue(Files.isRegularFile(site.resolve("cx/BlocksUnlocked.itf.json")));
        assertFalse(Files.exists(site.resolve("cx/BlocksLocked.html")), "a passing model has no counterexample page");
        assertTrue(r.out().contains("Write(lb = 1)"), "the text counterexample names the action's parameters: " + r.out());
        assertTrue(r.out().contains("Integrity fails at lb = 1"), r.out());
    }

    @Test
    void reportWithoutADirectoryOrOntoAFileOrLinkIsBadInputAndChangesNothing(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "keep");
        Path target = Files.createDirectory(dir.resolve("target-dir"));
        Path link = Files.createSymbolicLink(dir.resolve("a-link"), target);
        List<String> before = listing(dir);
        for (Run r : List.of(
                check("--root", Fixtures.GOOD.toString(), "--report"),
                check("--root", Fixtures.GOOD.toString(), "--report", "--frobnicate"),
                check("--root", Fixtures.GOOD.toString(), "--report", file.toString()),
                check("--root", Fixtures.GOOD.toString(), "--report", file.resolve("below").toString()),
                check("--root", Fixtures.GOOD.toString(), "--report", link.toString()))) {
            assertEquals(2, r.exit(), r.all());
            assertEquals("", r.out(), "refused before any model is checked");
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("check: --report"), r.err());
            assertNoStackTrace(r);
        }
        assertEquals(before, listing(dir), "nothing changed");
        assertEquals("keep", Files.readString(file));
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(p -> dir.relativize(p) + " " + p.toFile().length()).sorted().toList();
        }
    }
}
