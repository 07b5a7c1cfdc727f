package defragcheck.bench;

import defragcheck.impl.defrag.DefragOptions;
import defragcheck.impl.defrag.DefragReport;
import defragcheck.impl.defrag.Protocol;
import defragcheck.impl.defrag.WholeFileDefrag;
import defragcheck.impl.device.BlockDevice;
import defragcheck.impl.fs.Extent;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.FragmentedFile;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.fs.NoSpaceException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The project's own contenders on one O_DIRECT image: the gather-copy ceiling and the two defrag
 * protocols, each run on a freshly laid-out fragmented file (FragmentedFile) that is deleted after.
 * The ceiling reads the very fragments a defrag would and writes the range a donor would get, on
 * the same image, with the same thread count and 1 MiB requests as copyData.
 */
public final class ImageBench implements AutoCloseable {
    private static final int BLOCK = BlockDevice.BLOCK_SIZE;
    private static final int STAGING_BYTES = DirectFile.MIB;
    private static final int WRITER = 1;

    private final Path image;
    private final Filesystem fs;
    private final FileChannel raw;
    private final long fileBlocks;
    private final int threads;

    private ImageBench(Path image, Filesystem fs, FileChannel raw, long fileBytes, int threads) {
        this.image = image;
        this.fs = fs;
        this.raw = raw;
        this.fileBlocks = fileBytes / BLOCK;
        this.threads = threads;
    }

    /** Formats a new image in {@code dir} with room for a fragmented {@code fileBytes} file (span twice its size), a donor and a copy. */
    public static ImageBench create(Path dir, long fileBytes, int threads) throws IOException {
        Path image = dir.resolve("defragcheck-bench.img");
        Filesystem fs = Filesystem.format(image, (4 * fileBytes + 64L * DirectFile.MIB) / BLOCK);
        image.toFile().deleteOnExit(); // a benchmark stopped by a signal must not leave a GiB-sized image behind
        try {
            return new ImageBench(image, fs, DirectFile.open(image, false), fileBytes, threads);
        } catch (IOException | RuntimeException e) {
            fs.close();
            Files.deleteIfExists(image);
            throw e;
        }
    }

    /** The ceiling: an O_DIRECT gather of the file's fragments into a free contiguous range. */
    public Contender gather() {
        return new Contender() {
            @Override
            public String name() {
                return GatherLeg.NAME;
            }

            @Override
            public Measurement run(int chunk, long generation) throws IOException {
                Inode file = layOut(chunk, generation);
                try {
                    List<Fragment> fragments = fs.space().extents(file).stream()
                            .map(e -> new Fragment(e.pblock() * BLOCK, e.length() * BLOCK)).toList();
                    long dest = fs.transactions().read(() -> fs.space().allocator().findContiguous(fileBlocks));
                    if (dest < 0) {
                        throw new NoSpaceException(fileBlocks + " contiguous blocks for the gather copy");
                    }
                    return GatherLeg.run(raw, fragments, dest * BLOCK, threads, STAGING_BYTES, written(file));
                } finally {
                    fs.names().delete(file);
                }
            }
        };
    }

    /** A whole-file defrag with the given protocol, timed from the call to its durable end. */
    public Contender defrag(Protocol protocol) {
        String name = protocol.name().toLowerCase(Locale.ROOT);
        return new Contender() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Measurement run(int chunk, long generation) throws IOException {
                Inode file = layOut(chunk, generation);
                try {
                    long t0 = System.nanoTime();
                    DefragReport report = WholeFileDefrag.run(file, protocol, DefragOptions.defaults().withCopyThreads(threads));
                    long nanos = System.nanoTime() - t0;
                    PatternCheck check = verifyOnDisk(report.after(), written(file));
                    return new Measurement(name, fileBlocks * BLOCK, nanos, report.extentsBefore(), report.extentsAfter(), check);
                } finally {
                    fs.names().delete(file);
                }
            }
        };
    }

    private Inode layOut(int chunk, long generation) throws IOException {
        return FragmentedFile.create(fs, "fragmented-" + generation, fileBlocks, chunk / BLOCK, WRITER);
    }

    /** What FragmentedFile wrote: block lb of the file, by WRITER, as its first write. */
    private static BlockCheck written(Inode file) {
        return PayloadCheck.written(file.ino(), WRITER, 1);
    }

    /** Reads the file's blocks through its extents straight from the device (after the defrag's sync the cache holds nothing newer). */
    private PatternCheck verifyOnDisk(List<Extent> extents, BlockCheck expected) throws IOException {
        PatternCheck check = new PatternCheck();
        ByteBuffer buf = DirectFile.aligned(STAGING_BYTES);
        for (Extent e : extents) {
            for (long done = 0; done < e.length(); ) {
                int n = (int) Math.min(STAGING_BYTES / BLOCK, e.length() - done);
                buf.clear().limit(n * BLOCK);
                DirectFile.readFully(raw, buf, (e.pblock() + done) * BLOCK);
                buf.flip();
                for (int k = 0; k < n; k++) {
                    check.add(e.lblock() + done + k, e.unwritten() ? BlockPattern.Verdict.ZERO : expected.check(buf, e.lblock() + done + k));
                }
                done += n;
            }
        }
        return check;
    }

    @Override
    public void close() throws IOException {
        try (raw) {
            fs.close();
        } finally {
            Files.deleteIfExists(image);
        }
    }
}
