package defragcheck.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import defragcheck.harness.Leftovers;
import defragcheck.impl.defrag.DefragOptions;
import defragcheck.impl.defrag.DefragRefusedException;
import defragcheck.impl.defrag.MoveExtentRequest;
import defragcheck.impl.defrag.MoveExtents;
import defragcheck.impl.defrag.Protocol;
import defragcheck.impl.defrag.RefusalReason;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.FragmentedFile;
import defragcheck.impl.fs.Inode;

/**
 * Move request validation against exact arithmetic: a range that does not lie within both files (computed with
 * BigInteger, so no overflow) is refused as out of range, whatever the numbers, before anything is sized by them;
 * a range within both is never refused as out of range. Neither protocol throws anything else.
 */
class MoveRequestPropertyTest {
    private static final long SIZE = 16;
    private static Path dir;
    private static Filesystem fs;
    private static Inode orig;
    private static Inode donor;

    @BeforeContainer
    static void image() throws IOException {
        dir = Files.createTempDirectory("move-request");
        fs = Filesystem.format(dir.resolve("m.img"), 256);
        orig = FragmentedFile.create(fs, "orig", SIZE, 2, 1);
        donor = fs.names().createContiguous("donor", SIZE);
    }

    @AfterContainer
    static void remove() throws IOException {
        fs.close();
        Leftovers.deleteTree(dir);
    }

    /** Around the file size, around zero, and at the ends of long: where overflow and off-by-one live. */
    @Provide
    Arbitrary<Long> blocks() {
        return Arbitraries.oneOf(Arbitraries.longs().between(-3, SIZE + 3), Arbitraries.longs(),
                Arbitraries.of(Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MAX_VALUE - SIZE, Long.MIN_VALUE, (long) Integer.MAX_VALUE,
                        Integer.MAX_VALUE - 3L, 100_000_000L, 1L << 32));
    }

    @Property(tries = 400)
    void outOfRangeIffTheRangeLeavesAFile(@ForAll("blocks") long origStart, @ForAll("blocks") long donorStart,
            @ForAll("blocks") long length, @ForAll Protocol protocol) throws IOException {
        boolean within = length > 0 && within(origStart, length) && within(donorStart, length);
        MoveExtentRequest req = new MoveExtentRequest(orig, donor, origStart, donorStart, length);
        try (MoveExtents m = MoveExtents.create(protocol, req, DefragOptions.defaults())) {
            assertTrue(within, "accepted a range outside a file: " + req);
            if (protocol == Protocol.LEGACY) {
                assertEquals(length + 3, steps(m), "LockInodes, DrainDio, a MovePage per block, Unlock");
            }
        } catch (DefragRefusedException e) {
            if (within) {
                assertNotEquals(RefusalReason.OUT_OF_RANGE, e.reason(), e.getMessage());
            } else {
                assertEquals(RefusalReason.OUT_OF_RANGE, e.reason(), e.getMessage());
            }
        }
        assertTrue(fs.defrags().isEmpty(), fs.defrags().toString());
    }

    private static boolean within(long start, long length) {
        return start >= 0 && BigInteger.valueOf(start).add(BigInteger.valueOf(length)).compareTo(BigInteger.valueOf(SIZE)) <= 0;
    }

    /** Runs the mover to the end, counting its steps. */
    private static long steps(MoveExtents m) throws IOException {
        long steps = 0;
        while (!m.done()) {
            m.runNext();
            steps++;
        }
        return steps;
    }
}
