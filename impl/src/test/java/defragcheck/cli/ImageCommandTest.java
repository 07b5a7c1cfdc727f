package defragcheck.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import defragcheck.impl.device.BlockDevice;
import defragcheck.impl.device.DeviceAccess;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.Superblock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageCommandTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private static Run image(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int exit = ImageCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("protocolsAndLayouts")
    void defragmentsAFragmentedFileAndItSurvivesReopening(String protocol, String fragment, int extents) {
        Path img = dir.resolve("ok.img");
        Run r = image("--image", img.toString(), "--size-mib", "16", "--file-mib", "4", "--fragment", fragment, "--protocol", protocol);
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("defrag " + protocol + ": " + extents + " -> 1 extents"), r.out());
        assertTrue(r.out().contains("verify: 1024 blocks ok"), r.out());
        assertTrue(r.out().contains("reopened: 1 extents"), r.out());
        assertTrue(r.out().contains("verify after reopen: 1024 blocks ok"), r.out());
        assertTrue(Files.exists(img));
    }

    static Stream<Arguments> protocolsAndLayouts() {
        return Stream.of(Arguments.of("decs", "4K", 1024), Arguments.of("decs", "64K", 64), Arguments.of("legacy", "64K", 64),
                Arguments.of("decs", "1M", 4));
    }

    @Test
    void legacyOnDaxIsReportedAsCorruptionWithExitOneAndDecsIsNot() {
        Run r = image("--image", dir.resolve("dax.img").toString(), "--size-mib", "16", "--file-mib", "4", "--dax", "--protocol", "legacy");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("CORRUPTED"), r.out());
        Run decs = image("--image", dir.resolve("dax2.img").toString(), "--size-mib", "16", "--file-mib", "4", "--dax", "--protocol", "decs");
        assertEquals(0, decs.exit(), decs.out() + decs.err());
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void badInputIsOneLineExitTwoAndCreatesNothing(List<String> args, String expected) throws Exception {
        Run r = image(args.stream().map(a -> a.replace("DIR", dir.toString())).toArray(String[]::new));
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("image: ") && r.err().contains(expected), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count(), "the command left files behind");
        }
    }

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of(List.of(), "--image PATH is required"),
                Arguments.of(List.of("--image"), "--image needs a value"),
                Arguments.of(List.of("--image", "DIR/a.img", "--bogus"), "unknown option '--bogus'"),
                Arguments.of(List.of("--image", "DIR/a.img", "--protocol", "fast"), "--protocol takes decs or legacy"),
                Arguments.of(List.of("--image", "DIR/a.img", "--fragment", "3K"), "--fragment takes 4K, 64K or 1M"),
                Arguments.of(List.of("--image", "DIR/a.img", "--size-mib", "-3"), "--size-mib needs a size in MiB"),
                Arguments.of(List.of("--image", "DIR/a.img", "--size-mib", "8", "--file-mib", "4"), "too small"),
                Arguments.of(List.of("--image", "DIR/a.img", "--file-mib", "3", "--fragment", "1M", "--size-mib", "64", "--file-mib", "x"),
                        "--file-mib needs a size in MiB"),
                Arguments.of(List.of("--image", "DIR/no/such/dir/a.img"), "does not exist"));
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws Exception {
        Path existing = dir.resolve("precious.img");
        byte[] content = "not an image".getBytes(StandardCharsets.UTF_8);
        Files.write(existing, content);
        Run r = image("--image", existing.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("already exists"), r.err());
        assertArrayEquals(content, Files.readAllBytes(existing));
    }

    @Test
    void aDanglingLinkIsNeverWrittenThrough() throws Exception {
        Path outside = Files.createTempDirectory("outside");
        Path target = outside.resolve("target.img");
        Path link = Files.createSymbolicLink(dir.resolve("link.img"), target);
        try {
            Run r = image("--image", link.toString(), "--size-mib", "16", "--file-mib", "4");
            assertEquals(2, r.exit(), r.out() + r.err());
            assertTrue(r.err().contains("already exists"), r.err());
            assertFalse(Files.exists(target), "the image was written outside the given directory, through the link");
            assertTrue(Files.isSymbolicLink(link), "someone else's link is left alone");
        } finally {
            Files.deleteIfExists(target);
            Files.deleteIfExists(outside);
        }
    }

    /** The check in ImageOptions and the creation are apart: what appears between them is refused, not overwritten. */
    @Test
    void aFileOrLinkPlantedAfterTheCheckIsNeverOverwritten() throws Exception {
        Path precious = dir.resolve("precious");
        byte[] content = "not an image".getBytes(StandardCharsets.UTF_8);
        Files.write(precious, content);
        Path link = Files.createSymbolicLink(dir.resolve("planted.img"), precious);
        for (Path p : List.of(link, precious)) {
            assertThrows(FileAlreadyExistsException.class, () -> Filesystem.formatNew(p, 64, DeviceAccess.DIRECT).close());
        }
        assertThrows(IOException.class, () -> Filesystem.format(link, 64).close(), "formatting never follows a link either");
        assertArrayEquals(content, Files.readAllBytes(precious));
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void anImageLargerThanTheFormatOrTheFreeSpaceIsRefusedBeforeWriting() throws Exception {
        long maxMib = Superblock.maxBlocks(Filesystem.MAX_INODES) * BlockDevice.BLOCK_SIZE >> 20;
        Run tooLarge = image("--image", dir.resolve("huge.img").toString(), "--size-mib", String.valueOf(maxMib + 1));
        assertEquals(2, tooLarge.exit());
        assertTrue(tooLarge.err().contains("larger than the format holds"), tooLarge.err());

        long freeMib = Files.getFileStore(dir).getUsableSpace() >> 20;
        long size = Math.min(freeMib + 1024, maxMib);
        long start = System.nanoTime();
        Run noSpace = image("--image", dir.resolve("nospace.img").toString(), "--size-mib", String.valueOf(size));
        assertEquals(2, noSpace.exit(), noSpace.out() + noSpace.err());
        assertEquals(1, noSpace.err().strip().lines().count(), noSpace.err());
        assertTrue(noSpace.err().contains(size > freeMib ? "no space" : "larger than"), noSpace.err());
        assertTrue(System.nanoTime() - start < 30_000_000_000L, "refused before writing the image");
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count(), "the command left files behind");
        }
    }

    @Test
    void helpPrintsTheUsageAndExitsZero() {
        Run r = image("--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("usage: image "), r.out());
        assertEquals("", r.err());
    }
}
