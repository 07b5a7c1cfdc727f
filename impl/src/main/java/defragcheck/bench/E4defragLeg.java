package defragcheck.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The peer: e4defrag (EXT4_IOC_MOVE_EXT) on a loop-mounted ext4 holding a file of the benchmark's
 * layout. Timed cold (umount + mount first) and up to a durable result (e4defrag, then fsync).
 */
public final class E4defragLeg implements Contender, AutoCloseable {
    public static final String NAME = "e4defrag";
    private static final long FILE_TAG = 0xE4;

    private final LoopFilesystem fs;
    private final long bytes;

    private E4defragLeg(LoopFilesystem fs, long bytes) {
        this.fs = fs;
        this.bytes = bytes;
    }

    /** Makes a loop ext4 in {@code dir} big enough for the layout of a {@code bytes} file plus its donor. */
    public static E4defragLeg create(Path dir, long bytes) throws IOException {
        long image = 3 * bytes + 256L * DirectFile.MIB;
        return new E4defragLeg(LoopFilesystem.create(dir, image), bytes);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Builds the fragmented file, times a cold e4defrag + fsync, verifies every block after a remount. */
    @Override
    public Measurement run(int chunk, long generation) throws IOException {
        Path file = Ext4FragmentedFile.build(fs, "fragmented", bytes, chunk, FILE_TAG, generation);
        try {
            int before = Ext4FragmentedFile.extents(file);
            fs.remount();
            long t0 = System.nanoTime();
            ExternalTool.run("e4defrag", file.toString());
            ExternalTool.run("sync", file.toString());
            long nanos = System.nanoTime() - t0;
            int after = Ext4FragmentedFile.extents(file);
            fs.remount();
            PatternCheck check = DirectFile.verify(file, bytes, BlockCheck.pattern(FILE_TAG, generation));
            return new Measurement(NAME, bytes, nanos, before, after, check);
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
