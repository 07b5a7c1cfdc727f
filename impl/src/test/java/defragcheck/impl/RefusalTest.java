package defragcheck.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import defragcheck.impl.defrag.DefragOptions;
import defragcheck.impl.defrag.DefragRefusedException;
import defragcheck.impl.defrag.MoveExtentRequest;
import defragcheck.impl.defrag.MoveExtents;
import defragcheck.impl.defrag.Protocol;
import defragcheck.impl.defrag.RefusalReason;
import defragcheck.impl.defrag.WholeFileDefrag;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.FragmentedFile;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.fs.InodeFlag;

/** Every refusal of EXT4_IOC_MOVE_EXT gives its reason and leaves the image byte-for-byte unchanged. */
class RefusalTest {
    @TempDir
    Path dir;

    /** The files every case can use, on an image that is closed, hashed and reopened before the attempt. */
    record Files(Filesystem fs, Inode orig, Inode donor, Inode dir, Inode immutable, Inode appendOnly, Inode swap,
            Inode sparseDonor, Inode empty) {}

    static Stream<Arguments> refusals() {
        return Stream.of(
                refusal(RefusalReason.SAME_INODE, f -> new MoveExtentRequest(f.orig(), f.orig(), 0, 0, 4)),
                refusal(RefusalReason.NOT_REGULAR, f -> new MoveExtentRequest(f.orig(), f.dir(), 0, 0, 4)),
                refusal(RefusalReason.NOT_REGULAR, f -> new MoveExtentRequest(f.dir(), f.donor(), 0, 0, 4)),
                refusal(RefusalReason.IMMUTABLE, f -> new MoveExtentRequest(f.orig(), f.immutable(), 0, 0, 4)),
                refusal(RefusalReason.IMMUTABLE, f -> new MoveExtentRequest(f.orig(), f.appendOnly(), 0, 0, 4)),
                refusal(RefusalReason.SWAPFILE, f -> new MoveExtentRequest(f.swap(), f.donor(), 0, 0, 4)),
                refusal(RefusalReason.SWAPFILE, f -> new MoveExtentRequest(f.orig(), f.swap(), 0, 0, 4)),
                refusal(RefusalReason.MISALIGNED, f -> MoveExtentRequest.ofBytes(f.orig(), f.donor(), 512, 0, 4096)),
                refusal(RefusalReason.MISALIGNED, f -> MoveExtentRequest.ofBytes(f.orig(), f.donor(), 0, 0, 1000)),
                refusal(RefusalReason.OUT_OF_RANGE, f -> new MoveExtentRequest(f.orig(), f.donor(), 60, 0, 8)),
                refusal(RefusalReason.OUT_OF_RANGE, f -> new MoveExtentRequest(f.orig(), f.donor(), 0, 60, 8)),
                refusal(RefusalReason.OUT_OF_RANGE, f -> new MoveExtentRequest(f.orig(), f.donor(), 0, 0, 0)),
                refusal(RefusalReason.OUT_OF_RANGE, f -> new MoveExtentRequest(f.orig(), f.donor(), -1, 0, 4)),
                // origStart + length wraps below the size: still out of range, not "no data" or "donor hole"
                refusal(RefusalReason.OUT_OF_RANGE, f -> new MoveExtentRequest(f.orig(), f.donor(), Long.MAX_VALUE - 2, 0, 4)),
                refusal(RefusalReason.OUT_OF_RANGE, f -> new MoveExtentRequest(f.orig(), f.donor(), 0, Long.MAX_VALUE - 2, 4)),
                // absurd lengths are refused before anything is sized by them (the legacy plan has a step per block)
                refusal(RefusalReason.OUT_OF_RANGE, f -> new MoveExtentRequest(f.orig(), f.donor(), 0, 0, Integer.MAX_VALUE - 3)),
                refusal(RefusalReason.OUT_OF_RANGE, f -> new MoveExtentRequest(f.orig(), f.donor(), 0, 0, Long.MAX_VALUE)),
                refusal(RefusalReason.DONOR_HOLE, f -> new MoveExtentRequest(f.orig(), f.sparseDonor(), 0, 0, 16)),
                refusal(RefusalReason.NO_DATA, f -> new MoveExtentRequest(f.empty(), f.donor(), 0, 0, 4)));
    }

    private static Arguments refusal(RefusalReason reason, Function<Files, MoveExtentRequest> request) {
        return Arguments.of(reason, request);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusedMoveChangesNothing(RefusalReason reason, Function<Files, MoveExtentRequest> request) throws Exception {
        Path image = buildImage();
        String before = ImageHash.of(image);
        for (Protocol protocol : Protocol.values()) {
            try (Filesystem fs = Filesystem.open(image)) {
                Files f = files(fs);
                DefragRefusedException e = assertThrows(DefragRefusedException.class,
                        () -> MoveExtents.create(protocol, request.apply(f), DefragOptions.defaults()).run());
                assertEquals(reason, e.reason());
                assertTrue(e.getMessage().contains(reason.errno()), e.getMessage());
                assertTrue(fs.defrags().isEmpty());
            }
            assertEquals(before, ImageHash.of(image), "image changed by a refused " + protocol + " move");
        }
    }

    @Test
    void differentFilesystemsAreRefused() throws Exception {
        Path image = buildImage();
        Path other = dir.resolve("other.img");
        try (Filesystem fs = Filesystem.format(other, 256)) {
            fs.space().fallocate(fs.names().create("donor"), 0, 16);
        }
        String before = ImageHash.of(image);
        String otherBefore = ImageHash.of(other);
        try (Filesystem a = Filesystem.open(image); Filesystem b = Filesystem.open(other)) {
            DefragRefusedException e = assertThrows(DefragRefusedException.class,
                    () -> MoveExtents.moveExtents(Protocol.DECS, a.names().lookup("orig"), b.names().lookup("donor"), 0, 0, 4, DefragOptions.defaults()));
            assertEquals(RefusalReason.DIFFERENT_FILESYSTEMS, e.reason());
        }
        assertEquals(before, ImageHash.of(image));
        assertEquals(otherBefore, ImageHash.of(other));
    }

    @Test
    void wholeFileDefragWithoutContiguousSpaceIsRefused() throws Exception {
        Path image = dir.resolve("full.img");
        try (Filesystem fs = Filesystem.format(image, 256)) {
            long free = fs.space().freeBlocks();
            // 2 x 40 blocks laid out with gaps, then fill the gaps: no run of 40 remains.
            FragmentedFile.create(fs, "orig", 40, 4, 1);
            fs.space().fallocate(fs.names().create("filler"), 0, fs.space().freeBlocks() - 20);
            assertTrue(fs.space().largestFreeRun() < 40, "setup: free space " + free);
        }
        String before = ImageHash.of(image);
        try (Filesystem fs = Filesystem.open(image)) {
            DefragRefusedException e = assertThrows(DefragRefusedException.class,
                    () -> WholeFileDefrag.run(fs.names().lookup("orig"), Protocol.DECS, DefragOptions.defaults()));
            assertEquals(RefusalReason.NO_SPACE, e.reason());
        }
        assertEquals(before, ImageHash.of(image));
    }

    private Path buildImage() throws Exception {
        Path image = dir.resolve("refusal.img");
        try (Filesystem fs = Filesystem.format(image, 512)) {
            FragmentedFile.create(fs, "orig", 64, 4, 1);
            fs.space().fallocate(fs.names().create("donor"), 0, 64);
            fs.names().mkdir("dir");
            fs.space().fallocate(fs.names().create("immutable", InodeFlag.IMMUTABLE), 0, 64);
            fs.space().fallocate(fs.names().create("append", InodeFlag.APPEND_ONLY), 0, 64);
            fs.space().fallocate(fs.names().create("swap", InodeFlag.SWAPFILE), 0, 64);
            Inode sparse = fs.names().create("sparse");
            fs.space().fallocate(sparse, 0, 8);
            fs.space().fallocate(sparse, 12, 52);
            Inode empty = fs.names().create("empty");
            fs.space().truncate(empty, 64);
        }
        return image;
    }

    private static Files files(Filesystem fs) throws Exception {
        return new Files(fs, fs.names().lookup("orig"), fs.names().lookup("donor"), fs.names().lookup("dir"), fs.names().lookup("immutable"),
                fs.names().lookup("append"), fs.names().lookup("swap"), fs.names().lookup("sparse"), fs.names().lookup("empty"));
    }
}
