package defragcheck.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} in a child JVM: an interrupted run removes its TLC metadir, a later run removes the metadir of a run
 * that was killed outright (its process is gone), never one of a live process; an unwritable working folder is bad
 * input (exit 2, one line on stderr), not a wrong verdict.
 */
class InterruptedRunTest {
    @TempDir
    Path work;

    @Test
    void anInterruptedCheckRemovesItsMetadir() throws Exception {
        Path meta = work.resolve("meta");
        try (ChildJvm child = ChildJvm.start(List.of("-Ddefragcheck.work=" + work), "check", "DecsNoDax")) {
            assertTrue(child.await(() -> entries(meta) > 0, 120), "TLC never created its metadir: " + child.err());
            child.process().destroy(); // SIGTERM, as an interrupt
            child.exit(60);
        }
        assertEquals(0, entries(meta), "the interrupted run left its metadir");
    }

    @Test
    void aLaterRunRemovesTheMetadirOfAKilledRunButNotOneOfALiveProcess() throws Exception {
        Path meta = Files.createDirectories(work.resolve("meta"));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path orphan = Files.createDirectories(meta.resolve("DecsNoDax-" + gone.pid() + "-1"));
        Files.writeString(orphan.resolve("states"), "x");
        Path live = Files.createDirectories(meta.resolve("DecsNoDax-" + ProcessHandle.current().pid() + "-1"));
        try (ChildJvm child = ChildJvm.start(List.of("-Ddefragcheck.work=" + work), "check", "--root", Fixtures.GOOD.toString(),
                "BlocksLocked")) {
            assertEquals(0, child.exit(120), child.err());
        }
        assertFalse(Files.exists(orphan), "the killed run's metadir is still there");
        assertTrue(Files.exists(live), "the metadir of a live process was removed");
    }

    @Test
    void anUnwritableWorkingFolderIsBadInput() throws Exception {
        try (ChildJvm child = ChildJvm.start(List.of("-Ddefragcheck.work=/proc/defragcheck-unwritable"), "check", "--root",
                Fixtures.GOOD.toString(), "BlocksLocked")) {
            assertEquals(2, child.exit(120), child.out() + child.err());
            assertEquals(1, child.err().lines().count(), child.err());
            assertTrue(child.err().startsWith("check: BlocksLocked: TLC could not check it: "), child.err());
            assertFalse(child.out().contains("MISMATCH"), child.out());
        }
    }

    private static long entries(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
