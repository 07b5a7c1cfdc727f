package defragcheck.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A kernel peer run as its own tool on a loop-mounted filesystem holding a file of the benchmark's layout:
 * e4defrag (EXT4_IOC_MOVE_EXT) on ext4, xfs_fsr (O_DIRECT copy + XFS_IOC_SWAPEXT) on XFS. Timed cold
 * (umount + mount first) and up to a durable result (the tool, then fsync).
 */
public final class ToolLeg implements Contender, AutoCloseable {
    public static final String E4DEFRAG = "e4defrag";
    public static final String XFS_FSR = "xfs_fsr";
    private static final long FILE_TAG = 0xE4;

    private final String tool;
    private final LoopFilesystem fs;
    private final long bytes;

    private ToolLeg(String tool, LoopFilesystem fs, long bytes) {
        this.tool = tool;
        this.fs = fs;
        this.bytes = bytes;
    }

    /** e4defrag on a loop ext4 in {@code dir} big enough for the layout of a {@code bytes} file plus its donor. */
    public static ToolLeg e4defrag(Path dir, long bytes) throws IOException {
        return new ToolLeg(E4DEFRAG, LoopFilesystem.create(LoopFilesystem.Type.EXT4, dir, imageBytes(bytes)), bytes);
    }

    /** xfs_fsr on a loop XFS in {@code dir}, the same size (at least XFS's minimum). */
    public static ToolLeg xfsFsr(Path dir, long bytes) throws IOException {
        // mkfs.xfs refuses a filesystem below 300 MB.
        return new ToolLeg(XFS_FSR, LoopFilesystem.create(LoopFilesystem.Type.XFS, dir, Math.max(imageBytes(bytes), 320L * DirectFile.MIB)), bytes);
    }

    private static long imageBytes(long bytes) {
        return 3 * bytes + 256L * DirectFile.MIB;
    }

    @Override
    public String name() {
        return tool;
    }

    /** Builds the fragmented file, times a cold run of the tool + fsync, verifies every block after a remount. */
    @Override
    public Measurement run(int chunk, long generation) throws IOException {
        Path file = FragmentedFile.build(fs, "fragmented", bytes, chunk, FILE_TAG, generation);
        try {
            int before = FragmentedFile.extents(file);
            fs.remount();
            long t0 = System.nanoTime();
            ExternalTool.run(tool, file.toString());
            ExternalTool.run("sync", file.toString());
            long nanos = System.nanoTime() - t0;
            int after = FragmentedFile.extents(file);
            fs.remount();
            PatternCheck check = DirectFile.verify(file, bytes, BlockCheck.pattern(FILE_TAG, generation));
            return new Measurement(tool, bytes, nanos, before, after, check);
        } finally {
            Files.deleteIfExists(file);
            fs.sync();
        }
    }

    public boolean loopDirectIo() {
        return fs.loopDirectIo();
    }

    @Override
    public void close() throws IOException {
        fs.close();
    }
}
