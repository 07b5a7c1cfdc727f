package defragcheck.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import defragcheck.kernel.sys.AlignedBuffer;
import defragcheck.kernel.sys.Fd;
import defragcheck.kernel.sys.LibC;

/**
 * Donor and temp files: fresh, on the test file's filesystem, allocated either in one piece or one block at a
 * time from the end (each block its own extent: swapping with such a file fragments the original again), and
 * stale free space: a file of {@link BlockContent#GARBAGE} blocks written and deleted, so that what a fresh
 * donor's unwritten extents cover is recognisable if it ever shows through.
 */
final class Donors {
    private Donors() {}

    /** A new file of {@code bytes} of unwritten extents; {@code fragmented}: allocated block by block backwards. */
    static Fd fallocated(Path path, long bytes, boolean fragmented, boolean direct) throws IOException {
        Files.deleteIfExists(path);
        Fd fd = Fd.open(path, LibC.O_RDWR | LibC.O_CREAT | LibC.O_EXCL | (direct ? LibC.O_DIRECT : 0));
        try {
            if (fragmented) {
                for (long at = bytes - BlockContent.BLOCK; at >= 0; at -= BlockContent.BLOCK) {
                    fd.fallocate(at, BlockContent.BLOCK);
                }
            } else {
                fd.fallocate(0, bytes);
            }
            return fd;
        } catch (IOException e) {
            fd.close();
            throw e;
        }
    }

    /** Writes {@code blocks} garbage blocks to {@code path}, makes them durable and deletes the file. */
    static void sprayStaleBlocks(Path path, int blocks) throws IOException {
        AlignedBuffer buf = new AlignedBuffer(BlockContent.BLOCK);
        try (Fd fd = Fd.open(path, LibC.O_RDWR | LibC.O_CREAT | LibC.O_DIRECT)) {
            for (int b = 0; b < blocks; b++) {
                buf.put(BlockContent.of(BlockContent.GARBAGE, b, 0), 0);
                fd.pwrite(buf.pointer(), BlockContent.BLOCK, TestFile.offset(b));
            }
            fd.fsync();
        }
        Files.delete(path);
    }

    /** A copy of {@code file} made with O_DIRECT reads and writes into {@code tmp} (already allocated), fsynced. */
    static void directCopy(TestFile file, Fd tmp) throws IOException {
        int chunk = 64 * BlockContent.BLOCK;
        AlignedBuffer buf = new AlignedBuffer(chunk);
        for (long at = 0; at < file.bytes(); at += chunk) {
            int n = (int) Math.min(chunk, file.bytes() - at);
            int got = file.direct().pread(buf.pointer(), n, at);
            if (got != n) {
                throw new IOException("short O_DIRECT read of " + file.path() + " @" + at);
            }
            tmp.pwrite(buf.pointer(), n, at);
        }
        tmp.fsync();
    }
}
