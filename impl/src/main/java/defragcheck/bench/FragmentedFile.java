package defragcheck.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a file on a loop-mounted ext4 or XFS whose extents are {@code chunk}-sized and separated by
 * equal gaps. On XFS interleaved O_DIRECT writers do it ({@link #interleaved}). Interleaved writers
 * do not fragment ext4 (mballoc preallocates), so free space is controlled instead: a region file holds data in every other chunk, a filler takes all other
 * free space, the region's zero chunks are punched (fallocate --dig-holes), the file is written
 * (its blocks can only land in those holes), and the region and filler are deleted.
 */
public final class FragmentedFile {
    private static final Pattern EXTENTS = Pattern.compile(": (\\d+) extents? found");
    /** Extents one 4 KiB extent-tree leaf holds, less some headroom. */
    private static final int EXTENTS_PER_LEAF = 300;

    private FragmentedFile() {}

    /** Creates {@code name} of {@code bytes} with {@code chunk}-byte extents, content BlockPattern(file, lb, generation); returns its path. */
    public static Path build(LoopFilesystem fs, String name, long bytes, int chunk, long file, long generation) throws IOException {
        if (chunk % BlockPattern.BLOCK != 0 || bytes % chunk != 0) {
            throw new IllegalArgumentException("chunk must be a multiple of 4 KiB dividing the file size: " + chunk);
        }
        return fs.type() == LoopFilesystem.Type.XFS ? interleaved(fs, name, bytes, chunk, file, generation)
                : inHoles(fs, name, bytes, chunk, file, generation);
    }

    /**
     * XFS: the file and a spacer written chunk by chunk in turn with O_DIRECT (which allocates at once, without
     * delayed allocation or speculative preallocation), so each of the file's chunks lands after the spacer's
     * last; the spacer is deleted. (Filling free space as on ext4 leaves XFS's reserved blocks free, and the
     * file lands there in one piece.)
     */
    private static Path interleaved(LoopFilesystem fs, String name, long bytes, int chunk, long file, long generation) throws IOException {
        Path target = fs.mountPoint().resolve(name);
        Path spacer = fs.mountPoint().resolve("spacer");
        try (FileChannel t = DirectFile.open(target, true); FileChannel sp = DirectFile.open(spacer, true)) {
            ByteBuffer buf = DirectFile.aligned(chunk);
            ByteBuffer zeros = DirectFile.aligned(chunk);
            for (long at = 0; at < bytes; at += chunk) {
                buf.clear().limit(chunk); // the aligned slice may be larger than asked
                for (long lb = at / BlockPattern.BLOCK; buf.hasRemaining(); lb++) {
                    BlockPattern.fill(buf, file, lb, generation);
                }
                buf.flip();
                DirectFile.writeFully(t, buf, at);
                zeros.clear().limit(chunk);
                DirectFile.writeFully(sp, zeros, at);
            }
            t.force(true);
        } finally {
            Files.deleteIfExists(spacer);
            fs.sync();
        }
        return target;
    }

    /** ext4: the file written into the holes of a region file, all other free space taken (see the class comment). */
    private static Path inHoles(LoopFilesystem fs, String name, long bytes, int chunk, long file, long generation) throws IOException {
        Path mnt = fs.mountPoint();
        Path region = mnt.resolve("region");
        Path filler = mnt.resolve("filler");
        long regionBytes = 2 * bytes + 16L * DirectFile.MIB;
        // The punch must split the region's extent into one per chunk: leave room for the extent-tree leaves.
        long punchMetadata = (regionBytes / chunk / 2 / EXTENTS_PER_LEAF + 256) * BlockPattern.BLOCK;
        long reserve = fs.reservedClusters();
        // ext4 keeps its reserve free wherever it lies; the file would land there instead of in the holes.
        fs.setReservedClusters(0);
        try {
            writeAlternatingChunks(region, regionBytes, chunk);
            long free = Files.getFileStore(mnt).getUnallocatedSpace();
            if (free <= punchMetadata) {
                throw new IOException("filesystem too small for a " + bytes + "-byte layout: " + free + " bytes free");
            }
            ExternalTool.run("fallocate", "-l", Long.toString(free - punchMetadata), filler.toString());
            ExternalTool.run("fallocate", "--dig-holes", region.toString());
            Path target = mnt.resolve(name);
            DirectFile.writePattern(target, file, bytes, generation);
            return target;
        } finally {
            Files.deleteIfExists(region);
            Files.deleteIfExists(filler);
            fs.setReservedClusters(reserve);
            fs.sync();
        }
    }

    /** Writes a new file of {@code bytes} with data in the even chunks and zeros in the odd ones. */
    private static void writeAlternatingChunks(Path path, long bytes, int chunk) throws IOException {
        try (FileChannel ch = DirectFile.open(path, true)) {
            ByteBuffer buf = DirectFile.aligned(DirectFile.MIB);
            byte[] data = new byte[DirectFile.MIB];
            Arrays.fill(data, (byte) 0xA5);
            byte[] zeros = new byte[DirectFile.MIB];
            for (long at = 0; at < bytes; at += DirectFile.MIB) {
                buf.clear();
                for (int i = 0; i < DirectFile.MIB; ) {
                    long pos = at + i;
                    int run = (int) Math.min(chunk - pos % chunk, DirectFile.MIB - i);
                    buf.put(i, (pos / chunk) % 2 == 0 ? data : zeros, 0, run);
                    i += run;
                }
                DirectFile.writeFully(ch, buf, at);
            }
            ch.force(true);
        }
    }

    /** Number of extents filefrag reports for the file. */
    public static int extents(Path file) throws IOException {
        String out = ExternalTool.run("filefrag", file.toString());
        Matcher m = EXTENTS.matcher(out);
        if (!m.find()) {
            throw new IOException("cannot parse filefrag output: " + out.strip());
        }
        return Integer.parseInt(m.group(1));
    }
}
