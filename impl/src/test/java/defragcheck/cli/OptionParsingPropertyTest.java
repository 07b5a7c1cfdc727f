package defragcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import defragcheck.bench.BenchOptions;
import defragcheck.impl.device.BlockDevice;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.Superblock;

/**
 * The option parsers of {@code image} and {@code bench} on any value, numbers at the ends of long and beyond
 * included: either a one-line refusal naming the option, or options within the documented bounds. Never another
 * exception, never a value that wrapped.
 */
class OptionParsingPropertyTest {
    private static final Path ABSENT = Path.of(System.getProperty("java.io.tmpdir")).resolve("never-created-" + ProcessHandle.current().pid() + ".img");
    private static final long MAX_MIB = Superblock.maxBlocks(Filesystem.MAX_INODES) * BlockDevice.BLOCK_SIZE >> 20;

    /** Numbers as a user might type them: small, at the bounds, at the ends of long, past them, and not numbers. */
    @Provide
    Arbitrary<String> numbers() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(-5, 300).map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.of("0", "-1", "1048576", "1048577", String.valueOf(MAX_MIB), String.valueOf(MAX_MIB + 1),
                        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "4294967297", "1e3", "", " 8",
                        "0x10", "NaN", "Infinity", "8K"));
    }

    @Provide
    Arbitrary<String> layouts() {
        return Arbitraries.oneOf(Arbitraries.of("4K", "64K", "1M", "4K,1M", "0K", "3K", "64M", "65M", "K", "M", "4", "-4K",
                        "18014398509481988K", "17592186044420M", "9223372036854775807K"),
                Arbitraries.longs().map(n -> n + "K"), Arbitraries.longs().map(n -> n + "M"));
    }

    @Property(tries = 500)
    void imageOptionsAreRefusedInOneLineOrWithinBounds(@ForAll("numbers") String size, @ForAll("numbers") String file,
            @ForAll("fragments") String fragment) {
        String[] args = {"--image", ABSENT.toString(), "--size-mib", size, "--file-mib", file, "--fragment", fragment};
        ImageOptions o;
        try {
            o = ImageOptions.parse(args);
        } catch (IllegalArgumentException e) {
            assertOneLine(e.getMessage());
            assertTrue(e.getMessage().contains("--size-mib") || e.getMessage().contains("--file-mib")
                    || e.getMessage().contains("--fragment"), e.getMessage());
            return;
        }
        assertTrue(o.sizeMib() >= 1 && o.sizeMib() <= MAX_MIB, "size " + o.sizeMib());
        assertTrue(o.fileMib() >= 1 && 3 * o.fileMib() + 4 <= o.sizeMib(), "file " + o.fileMib() + " in " + o.sizeMib());
        assertEquals(0, (o.fileMib() << 20) % o.fragment());
        assertEquals(Long.parseLong(size.strip()), o.sizeMib());
    }

    @Provide
    Arbitrary<String> fragments() {
        return Arbitraries.of("4K", "64K", "1M", "4k", "2M", "0", "", "64KB");
    }

    @Property(tries = 500)
    void benchOptionsAreRefusedInOneLineOrWithinBounds(@ForAll("numbers") String size, @ForAll("numbers") String rounds,
            @ForAll("numbers") String threads, @ForAll("layouts") String layouts) {
        String[] args = {"--size-mib", size, "--rounds", rounds, "--threads", threads, "--layouts", layouts};
        BenchOptions o;
        try {
            o = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            assertOneLine(e.getMessage());
            return;
        }
        assertTrue(o.sizeMib() > 0 && o.sizeMib() < 1 << 20 && o.bytes() == o.sizeMib() << 20 && o.bytes() > 0, o.toString());
        assertTrue(o.rounds() > 0 && o.threads() > 0, o.toString());
        for (int chunk : o.chunks()) {
            assertTrue(chunk >= 4096 && chunk <= 64 << 20 && chunk % 4096 == 0 && o.bytes() % chunk == 0, o.toString());
        }
    }

    /** (2^54 + 4) KiB is 2^64 + 4 KiB: multiplied in a long it wrapped to a valid-looking 4K. */
    @Example
    void aLayoutThatOverflowsIsRefused() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(new String[] {"--layouts", "18014398509481988K"}));
        assertTrue(e.getMessage().contains("--layouts"), e.getMessage());
    }

    private static void assertOneLine(String message) {
        assertEquals(1, List.of(message.split("\n", -1)).size(), message);
        assertTrue(!message.isBlank() && !message.contains("Exception"), message);
    }
}
