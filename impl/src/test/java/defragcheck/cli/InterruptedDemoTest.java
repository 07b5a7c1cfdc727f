package defragcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import defragcheck.harness.ChildJvm;

/** {@code demo} in a child JVM: interrupted, it removes its image; killed outright, the next run removes it. */
class InterruptedDemoTest {
    @TempDir
    Path dir;

    @Test
    void anInterruptedDemoRemovesItsImage() throws Exception {
        try (ChildJvm child = ChildJvm.start(List.of(), "demo", "--dir", dir.toString())) {
            assertTrue(child.await(() -> files(dir) > 0, 120), "the demo never created its image: " + child.err());
            child.process().destroy(); // SIGTERM
            child.exit(60);
        }
        assertEquals(0, files(dir), "the interrupted demo left its image");
    }

    @Test
    void aLaterDemoRemovesTheImageOfAKilledOne() throws Exception {
        try (ChildJvm child = ChildJvm.start(List.of(), "demo", "--dir", dir.toString())) {
            assertTrue(child.await(() -> files(dir) > 0, 120), "the demo never created its image: " + child.err());
            child.process().destroyForcibly().waitFor(); // SIGKILL: no hook runs
        }
        assertEquals(1, files(dir), "setup: the killed demo's image is left");
        Path stranger = Files.writeString(dir.resolve("defragcheck-demo-" + ProcessHandle.current().pid() + "-1.img"), "a live process's");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = DemoCommand.run(new String[] {"--dir", dir.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(0, exit, out.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(stranger), list(dir), "only the image of the live process is left");
    }

    private static long files(Path dir) {
        return list(dir).size();
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
