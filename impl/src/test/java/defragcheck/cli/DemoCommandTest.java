package defragcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void legacyCorruptsTheDaxFileDecsKeepsItIntactAndTheImageIsRemoved() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int exit = DemoCommand.run(new String[] {"--dir", dir.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, text + err);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("dax-legacy") && l.contains("bad (")), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("dax-decs") && l.endsWith("1024 blocks ok")), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("plain-legacy") && l.endsWith("1024 blocks ok")), text);
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int exit = DemoCommand.run(new String[] {"--dir", dir.resolve("missing").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, exit);
        assertEquals(1, err.toString(StandardCharsets.UTF_8).strip().lines().count());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("is not a directory"));
    }
}
