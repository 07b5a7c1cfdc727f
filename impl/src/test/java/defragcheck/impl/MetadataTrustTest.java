package defragcheck.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.fs.InvalidImageException;
import defragcheck.impl.fs.Superblock;

/**
 * Damage the metadata can suffer without a crash, each of which once opened as a silently older filesystem: a flipped
 * generation in a home slot's header, a damaged newest slot whose last transaction lives nowhere else, a damaged
 * commit record followed by a later valid one. Each must open with every committed file or be refused, the image
 * left as it was.
 */
class MetadataTrustTest {
    private static final long BLOCKS = 256;
    private static final Superblock SB = Superblock.forDevice(BLOCKS, Filesystem.MAX_INODES);
    /** A home slot's header: magic (8), then the generation (8). */
    private static final int GENERATION = 8;

    @TempDir
    Path dir;

    @Test
    void aFlippedGenerationInTheOlderSlotDoesNotMakeItWin() throws Exception {
        Path image = dir.resolve("older.img");
        List<String> files = new ArrayList<>();
        try (Filesystem fs = Filesystem.format(image, BLOCKS)) {
            for (int i = 0; i < 3; i++) {
                files.add(fs.names().create("f" + i).name());
            }
        }
        int older = generation(image, 0) < generation(image, 1) ? 0 : 1;
        flipBit(image, SB.slotStart(older) * 4096 + GENERATION, 6); // the stale image now claims a huge generation
        assertOpensWithOrRefuses(image, files);
    }

    @Test
    void aFlippedGenerationInTheNewestSlotDoesNotDropSyncedTransactions() throws Exception {
        Path image = dir.resolve("newest.img");
        Path crashed = dir.resolve("crashed.img");
        List<String> files = new ArrayList<>(List.of("a", "b"));
        try (Filesystem fs = Filesystem.format(image, BLOCKS)) {
            fs.names().create("a");
            fs.names().create("b");
        }
        try (Filesystem fs = Filesystem.open(image)) {
            files.add(fs.names().create("c").name());
            fs.sync(); // committed in the journal, not checkpointed
            Files.copy(image, crashed);
        }
        int newest = generation(crashed, 0) > generation(crashed, 1) ? 0 : 1;
        flipBit(crashed, SB.slotStart(newest) * 4096 + GENERATION + 7, 0); // one more: "c" looks checkpointed
        assertOpensWithOrRefuses(crashed, files);
    }

    @Test
    void aDamagedNewestSlotIsNotReplacedByTheOlderOneWhenItsTransactionIsNowhereElse() throws Exception {
        Path image = dir.resolve("full.img");
        Path crashed = dir.resolve("crashed.img");
        List<String> files = new ArrayList<>();
        try (Filesystem fs = Filesystem.format(image, BLOCKS)) {
            // Until the journal is full and a transaction commits by a checkpoint: it is in the newest slot only.
            while (Math.max(generation(image, 0), generation(image, 1)) == 0) {
                files.add(fs.names().create("f" + files.size()).name());
            }
            Files.copy(image, crashed);
        }
        int newest = generation(crashed, 0) > generation(crashed, 1) ? 0 : 1;
        flipBit(crashed, SB.slotStart(newest) * 4096 + 100, 3);
        assertOpensWithOrRefuses(crashed, files);
    }

    @Test
    void aDamagedCommitRecordFollowedByALaterValidOneIsRefusedNotRolledBack() throws Exception {
        Path image = dir.resolve("commit.img");
        Path crashed = dir.resolve("crashed.img");
        try (Filesystem fs = Filesystem.format(image, BLOCKS)) {
            fs.names().create("a");
            fs.names().create("b");
            fs.sync();
            Files.copy(image, crashed);
        }
        long commit1 = commitRecordBlock(crashed, 1);
        try (FileChannel ch = FileChannel.open(crashed, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(4096), commit1 * 4096); // every copy of transaction 1's commit record
        }
        String before = ImageHash.of(crashed);
        InvalidImageException e = assertThrows(InvalidImageException.class, () -> Filesystem.open(crashed).close());
        assertTrue(e.getMessage().contains("transaction 1"), e.getMessage());
        assertEquals(before, ImageHash.of(crashed), "a refused image is left as it was");
    }

    /** Opens with exactly {@code files}, or is refused with the image unchanged; never a silently older filesystem. */
    private static void assertOpensWithOrRefuses(Path image, List<String> files) throws IOException {
        String before = ImageHash.of(image);
        Filesystem fs;
        try {
            fs = Filesystem.open(image);
        } catch (InvalidImageException refused) {
            assertEquals(before, ImageHash.of(image), "a refused image is left as it was: " + refused.getMessage());
            return;
        }
        try (fs) {
            assertEquals(files, fs.names().inodes().stream().map(Inode::name).toList(), "opened, so with every committed file");
        }
    }

    private static long generation(Path image, int slot) throws IOException {
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(8);
            ch.read(b, SB.slotStart(slot) * 4096 + GENERATION);
            return b.getLong(0);
        }
    }

    /** The journal block holding the commit record of {@code seq} ("DFJCOMMT", then the sequence). */
    private static long commitRecordBlock(Path image, long seq) throws IOException {
        byte[] magic = "DFJCOMMT".getBytes(StandardCharsets.US_ASCII);
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ)) {
            for (long b = SB.journalStart(); b < SB.journalStart() + SB.journalBlocks(); b++) {
                ByteBuffer head = ByteBuffer.allocate(16);
                ch.read(head, b * 4096);
                if (head.slice(0, 8).equals(ByteBuffer.wrap(magic)) && head.getLong(8) == seq) {
                    return b;
                }
            }
        }
        throw new AssertionError("no commit record of transaction " + seq);
    }

    private static void flipBit(Path image, long offset, int bit) throws IOException {
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, offset);
            b.put(0, (byte) (b.get(0) ^ (1 << bit))).clear();
            ch.write(b, offset);
        }
    }
}
