package defragcheck.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import defragcheck.kernel.sys.AlignedBuffer;
import defragcheck.kernel.sys.Fd;
import defragcheck.kernel.sys.FileMapping;
import defragcheck.kernel.sys.LibC;

/**
 * The file a workload writes, reads and defragments: {@code blocks} blocks of {@link BlockContent}, opened
 * buffered and O_DIRECT and mapped shared. Created with its blocks allocated in reverse order (each its own
 * extent), so a defrag has something to do.
 */
public final class TestFile implements AutoCloseable {
    private final Path path;
    private final int blocks;
    private Fd buffered;
    private Fd direct;
    private FileMapping mapping;

    private TestFile(Path path, int blocks) {
        this.path = path;
        this.blocks = blocks;
    }

    /** Writes generation 0 of every block, last block first, with O_DIRECT, fsyncs, and opens the file. */
    public static TestFile create(Path path, int blocks) throws IOException {
        Files.deleteIfExists(path);
        AlignedBuffer buf = new AlignedBuffer(BlockContent.BLOCK);
        try (Fd fd = Fd.open(path, LibC.O_RDWR | LibC.O_CREAT | LibC.O_DIRECT)) {
            for (int b = blocks - 1; b >= 0; b--) {
                buf.put(BlockContent.of(b, 0), 0);
                fd.pwrite(buf.pointer(), BlockContent.BLOCK, offset(b));
            }
            fd.fsync();
        }
        TestFile f = new TestFile(path, blocks);
        f.open();
        return f;
    }

    /**
     * Writes generation 0 of every block in order with O_DIRECT, a block of a spacer file after each, so that no two
     * blocks are adjacent on disk (XFS places a block written before its neighbour right against it); fsyncs and
     * opens the file.
     */
    public static TestFile createApart(Path path, int blocks) throws IOException {
        Files.deleteIfExists(path);
        Path spacer = path.resolveSibling(path.getFileName() + ".spacer");
        AlignedBuffer buf = new AlignedBuffer(BlockContent.BLOCK);
        try (Fd fd = Fd.open(path, LibC.O_RDWR | LibC.O_CREAT | LibC.O_DIRECT);
                Fd gap = Fd.open(spacer, LibC.O_RDWR | LibC.O_CREAT | LibC.O_DIRECT)) {
            for (int b = 0; b < blocks; b++) {
                buf.put(BlockContent.of(b, 0), 0);
                fd.pwrite(buf.pointer(), BlockContent.BLOCK, offset(b));
                gap.pwrite(buf.pointer(), BlockContent.BLOCK, offset(b));
            }
            fd.fsync();
        } finally {
            Files.deleteIfExists(spacer);
        }
        TestFile f = new TestFile(path, blocks);
        f.open();
        return f;
    }

    /** Opens the descriptors and the mapping (again, after a remount). */
    public void open() throws IOException {
        open(true);
    }

    /**
     * Opens the descriptors, and the mapping if {@code mapped}. A run that shuts the filesystem down goes without
     * the mapping: a load or store that faults on a shut-down filesystem raises SIGBUS, which would kill the JVM.
     */
    public void open(boolean mapped) throws IOException {
        buffered = Fd.readWrite(path);
        direct = Fd.direct(path);
        mapping = mapped ? FileMapping.shared(buffered, (long) blocks * BlockContent.BLOCK) : null;
    }

    public static long offset(int block) {
        return (long) block * BlockContent.BLOCK;
    }

    public Path path() {
        return path;
    }

    public int blocks() {
        return blocks;
    }

    public long bytes() {
        return (long) blocks * BlockContent.BLOCK;
    }

    public Fd buffered() {
        return buffered;
    }

    public Fd direct() {
        return direct;
    }

    public FileMapping mapping() {
        return mapping;
    }

    /** Unmaps (first: a mapping of a shut-down filesystem must not be touched again) and closes. */
    @Override
    public void close() throws IOException {
        if (mapping != null) {
            mapping.close();
        }
        if (direct != null) {
            direct.close();
        }
        if (buffered != null) {
            buffered.close();
        }
        mapping = null;
        direct = null;
        buffered = null;
    }
}
