package defragcheck.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import defragcheck.impl.device.DeviceAccess;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.fs.InvalidImageException;
import defragcheck.impl.fs.Superblock;
import defragcheck.impl.observe.BlockPayload;
import defragcheck.impl.observe.BlockValue;

/** Opening checks the image: a clear error for anything that is not a consistent filesystem, and nothing written. */
class ImageValidationTest {
    @TempDir
    Path dir;

    @Test
    void notAnImage() throws Exception {
        Path junk = dir.resolve("junk");
        Files.write(junk, new byte[64 * 4096]);
        InvalidImageException e = assertThrows(InvalidImageException.class, () -> Filesystem.open(junk));
        assertTrue(e.getMessage().contains("bad magic"), e.getMessage());
    }

    @Test
    void sizeNotWholeBlocks() throws Exception {
        Path odd = dir.resolve("odd");
        Files.write(odd, new byte[5000]);
        IOException e = assertThrows(IOException.class, () -> Filesystem.open(odd));
        assertTrue(e.getMessage().contains("not a positive multiple of 4096"), e.getMessage());
    }

    @Test
    void missingImage() {
        IOException e = assertThrows(IOException.class, () -> Filesystem.open(dir.resolve("absent")));
        assertTrue(e.getMessage().contains("no such image"), e.getMessage());
    }

    @Test
    void corruptSuperblock() throws Exception {
        Path image = formatted();
        flipByte(image, 20);
        String before = ImageHash.of(image);
        InvalidImageException e = assertThrows(InvalidImageException.class, () -> Filesystem.open(image));
        assertTrue(e.getMessage().contains("superblock checksum"), e.getMessage());
        assertEquals(before, ImageHash.of(image));
    }

    @Test
    void truncatedImage() throws Exception {
        Path image = formatted();
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 4096);
        }
        InvalidImageException e = assertThrows(InvalidImageException.class, () -> Filesystem.open(image));
        assertTrue(e.getMessage().contains("device has"), e.getMessage());
    }

    @Test
    void bothMetadataCopiesCorrupt() throws Exception {
        Path image = formatted();
        Superblock sb = Superblock.forDevice(256, Filesystem.MAX_INODES);
        flipByte(image, sb.slotStart(0) * 4096 + 40);
        flipByte(image, sb.slotStart(1) * 4096 + 40);
        InvalidImageException e = assertThrows(InvalidImageException.class, () -> Filesystem.open(image));
        assertTrue(e.getMessage().contains("no metadata slot with a valid checksum"), e.getMessage());
    }

    @Test
    void aTornNewestHomeImageFallsBackToThePreviousCheckpointAndTheJournal() throws Exception {
        Path image = formatted();
        try (Filesystem fs = Filesystem.open(image)) {
            fs.names().create("later"); // transaction 4, in the journal; closing checkpoints it
        }
        Superblock sb = Superblock.forDevice(256, Filesystem.MAX_INODES);
        // Checkpoints alternate slots: 0 at format (slot 0), 3 when the first session closed (slot 1), 4 now (slot 0).
        flipByte(image, sb.slotStart(0) * 4096 + 40);
        try (Filesystem fs = Filesystem.open(image)) {
            assertTrue(fs.names().lookup("later") != null, "transaction 4 is replayed from the journal onto checkpoint 3");
            Inode f = fs.names().lookup("f");
            assertEquals(new BlockValue.Written(f.ino(), 1, 1, 1), BlockPayload.decode(fs.buffered().read("r", f, 1)));
        }
    }

    @Test
    void bufferedDeviceAccessOnlyWhenAsked() throws Exception {
        Path image = dir.resolve("buffered.img");
        try (Filesystem fs = Filesystem.format(image, 256, DeviceAccess.BUFFERED)) {
            Inode f = fs.names().create("f");
            fs.buffered().write("w", f, 0, BlockPayload.encode(f.ino(), 0, 1, 1));
            assertEquals(DeviceAccess.BUFFERED, fs.device().access());
        }
        try (Filesystem fs = Filesystem.open(image)) {
            assertEquals(DeviceAccess.DIRECT, fs.device().access());
            assertEquals(new BlockValue.Written(1, 0, 1, 1), BlockPayload.decode(fs.buffered().read("r", fs.names().lookup("f"), 0)));
        }
    }

    private Path formatted() throws Exception {
        Path image = dir.resolve("img");
        try (Filesystem fs = Filesystem.format(image, 256)) {
            Inode f = fs.names().create("f");
            fs.space().fallocate(f, 0, 4);
            fs.buffered().write("w", f, 1, BlockPayload.encode(f.ino(), 1, 1, 1));
        }
        return image;
    }

    private static void flipByte(Path image, long offset) throws IOException {
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, offset);
            b.flip();
            b.put(0, (byte) (b.get(0) ^ 0x5a));
            ch.write(b, offset);
        }
    }
}
