package defragcheck.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.InvalidImageException;
import defragcheck.impl.fs.Superblock;

/** A superblock whose checksum holds but whose fields are impossible is an invalid image, said as such. */
class ForgedSuperblockTest {
    private static final long BLOCKS = 256;

    @TempDir
    Path dir;

    @Test
    void impossibleFieldsUnderAValidChecksumAreAnImageError() throws Exception {
        for (int maxInodes : new int[] {-1, 0, 1 << 19, Integer.MAX_VALUE}) {
            Path image = dir.resolve("forged" + maxInodes + ".img");
            Filesystem.format(image, BLOCKS).close();
            forge(image, maxInodes);
            String before = ImageHash.of(image);
            InvalidImageException e = assertThrows(InvalidImageException.class, () -> Filesystem.open(image).close());
            assertTrue(e.getMessage().contains("layout in superblock"), e.getMessage());
            assertEquals(before, ImageHash.of(image));
        }
    }

    /**
     * Superblock: magic 8, version 4, block size 4, total blocks 8, max inodes 4 (offset 24), slot blocks 8, journal
     * blocks 8, CRC32C of bytes 0..44. The slot and journal sizes are made to agree with the inode count where they
     * can be, so that only the layout's size gives the forgery away (its metadata would lie beyond the device).
     */
    private static void forge(Path image, int maxInodes) throws IOException {
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer sb = ByteBuffer.allocate(48);
            ch.read(sb, 0);
            sb.putInt(24, maxInodes);
            if (maxInodes > 0 && maxInodes < Integer.MAX_VALUE) {
                Superblock layout = Superblock.forDevice(BLOCKS, maxInodes);
                sb.putLong(28, layout.slotBlocks()).putLong(36, layout.journalBlocks());
            }
            CRC32C crc = new CRC32C();
            crc.update(sb.array(), 0, 44);
            sb.putInt(44, (int) crc.getValue());
            ch.write(sb.clear(), 0);
        }
    }
}
