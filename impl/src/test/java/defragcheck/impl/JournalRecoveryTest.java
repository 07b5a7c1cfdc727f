package defragcheck.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import defragcheck.impl.device.BlockDevice;
import defragcheck.impl.device.DeviceAccess;
import defragcheck.conformance.crash.JournalHidden;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.InvalidImageException;
import defragcheck.impl.fs.Superblock;

/**
 * Recovery at open on an image "crashed" right after a sync: its last transactions are committed in the journal but
 * not checkpointed. Committed transactions are replayed; a damaged committed record is a clear error with the image
 * left as it was; a transaction whose commit record never reached the media was never committed and is rolled back,
 * but one damaged copy of a commit record does not uncommit it.
 */
class JournalRecoveryTest {
    private static final long BLOCKS = 256;
    private static final Superblock SB = Superblock.forDevice(BLOCKS, Filesystem.MAX_INODES);
    /** Transaction 2 (create "b"): its intent and commit blocks; the checkpoint record and transaction 1 ("a") are before. */
    private static final long INTENT_2 = SB.journalStart() + 3;
    private static final long COMMIT_2 = SB.journalStart() + 4;

    @TempDir
    Path dir;
    Path crashed;

    @BeforeEach
    void crashAfterSync() throws IOException {
        Path image = dir.resolve("live.img");
        crashed = dir.resolve("crashed.img");
        try (Filesystem fs = Filesystem.format(image, BLOCKS)) {
            fs.names().create("a");
            fs.names().create("b");
            fs.sync();
            Files.copy(image, crashed); // the device as a crash after the sync leaves it
        }
    }

    @Test
    void committedTransactionsAreReplayedAndCheckpointed() throws Exception {
        try (Filesystem fs = Filesystem.open(crashed)) {
            assertNotNull(fs.names().lookup("a"));
            assertNotNull(fs.names().lookup("b"));
        }
        try (BlockDevice dev = BlockDevice.open(crashed, DeviceAccess.DIRECT); Filesystem fs = homeOnly(dev)) {
            assertNotNull(fs.names().lookup("b"), "recovery checkpointed the replayed transactions into the home metadata");
        }
    }

    @Test
    void recoveryThatIgnoresTheJournalLosesCommittedTransactions() throws Exception {
        try (BlockDevice dev = BlockDevice.open(crashed, DeviceAccess.DIRECT); Filesystem fs = homeOnly(dev)) {
            assertNull(fs.names().lookup("a"));
            assertNull(fs.names().lookup("b"));
        }
    }

    @Test
    void badChecksumInACommittedIntentIsAClearError() throws Exception {
        flipByte(INTENT_2 * 4096 + 40);
        assertRefused("journal transaction 2 is committed but its intent record fails its checksum");
    }

    @Test
    void tornIntentHeaderOfACommittedTransactionIsAClearError() throws Exception {
        zero(INTENT_2 * 4096, 512); // only the first sector of the intent block did not reach the media
        assertRefused("journal transaction 2 is committed but its intent record is unreadable");
    }

    @Test
    void aCommitRecordThatNeverReachedTheMediaRollsTheTransactionBack() throws Exception {
        zero(COMMIT_2 * 4096, 4096); // the crash came before the commit block was written: the journal's old content
        try (Filesystem fs = Filesystem.open(crashed)) {
            assertNotNull(fs.names().lookup("a"), "transaction 1 is committed");
            assertNull(fs.names().lookup("b"), "transaction 2 never committed");
            fs.names().create("c"); // transaction 2 again, overwriting the discarded one
        }
        try (Filesystem fs = Filesystem.open(crashed)) {
            assertNotNull(fs.names().lookup("a"));
            assertNull(fs.names().lookup("b"));
            assertNotNull(fs.names().lookup("c"));
        }
    }

    @Test
    void oneDamagedCopyOfACommitRecordKeepsTheTransactionCommitted() throws Exception {
        zero(COMMIT_2 * 4096 + 8, 8); // the first copy's sequence number is gone; the second copy is intact
        try (Filesystem fs = Filesystem.open(crashed)) {
            assertNotNull(fs.names().lookup("a"));
            assertNotNull(fs.names().lookup("b"), "transaction 2 is committed by its second commit copy");
        }
    }

    @Test
    void tornIntentWithoutCommitRecordRollsBack() throws Exception {
        zero(COMMIT_2 * 4096, 4096);
        zero(INTENT_2 * 4096 + 32, 16);
        try (Filesystem fs = Filesystem.open(crashed)) {
            assertNotNull(fs.names().lookup("a"));
            assertNull(fs.names().lookup("b"));
        }
    }

    @Test
    void anImageOfTheFormatBeforeTheJournalIsRefused() throws Exception {
        try (FileChannel ch = FileChannel.open(crashed, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(4).putInt(0, 1), 8);
        }
        assertRefused("unsupported format version 1");
    }

    private void assertRefused(String why) throws IOException {
        String before = ImageHash.of(crashed);
        InvalidImageException e = assertThrows(InvalidImageException.class, () -> Filesystem.open(crashed));
        assertTrue(e.getMessage().contains(why), e.getMessage());
        assertEquals(before, ImageHash.of(crashed), "a refused image is left as it was");
    }

    /** A mount that never sees the journal (its records hidden): the home metadata as it is. */
    private static Filesystem homeOnly(BlockDevice dev) throws IOException {
        return Filesystem.mount(JournalHidden.homeView(dev, SB));
    }

    private void flipByte(long offset) throws IOException {
        try (FileChannel ch = FileChannel.open(crashed, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, offset);
            b.put(0, (byte) (b.get(0) ^ 0x5a)).clear();
            ch.write(b, offset);
        }
    }

    private void zero(long offset, int bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(crashed, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(bytes), offset);
        }
    }
}
