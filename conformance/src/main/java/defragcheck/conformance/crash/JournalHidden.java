package defragcheck.conformance.crash;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;

import defragcheck.impl.device.BlockDevice;
import defragcheck.impl.device.BlockStore;
import defragcheck.impl.fs.Superblock;

/**
 * {@link CrashAblation#NO_REPLAY}, recovery that never sees the journal, made from outside the filesystem: the
 * journal's transaction records read as zeros (never written, as after format), so a mount finds nothing to replay and
 * loads the home metadata as it is. The checkpoint record stays: without it a mount refuses the image.
 */
public final class JournalHidden {
    private JournalHidden() {}

    /** The device blocks of the journal's transaction records: the whole journal but its first block, the checkpoint record. */
    public static LongStream recordBlocks(Superblock sb) {
        return LongStream.range(sb.journalStart() + 1, sb.journalStart() + sb.journalBlocks());
    }

    /**
     * {@code device} with the journal's records hidden, for a mount that loads the home metadata only (e.g. a second
     * mount of a recovered device, to read what is home). Whatever that filesystem writes stays in memory: the
     * device is never written, nor closed with the view.
     */
    public static BlockDevice homeView(BlockDevice device, Superblock sb) {
        return BlockDevice.over(Path.of(device.path() + " (journal hidden)"), new View(device, sb), device.blocks());
    }

    private static final class View implements BlockStore {
        private final BlockDevice device;
        private final long firstRecord;
        private final long endRecords;
        /** Blocks written through the view (concurrent: writeback and direct I/O write from their own threads). */
        private final Map<Long, byte[]> written = new ConcurrentHashMap<>();

        View(BlockDevice device, Superblock sb) {
            this.device = device;
            this.firstRecord = sb.journalStart() + 1;
            this.endRecords = sb.journalStart() + sb.journalBlocks();
        }

        @Override
        public int read(ByteBuffer dst, long pos) throws IOException {
            int n = dst.remaining();
            for (long b = pos / BlockDevice.BLOCK_SIZE; dst.hasRemaining(); b++) {
                byte[] mine = written.get(b);
                if (mine != null) {
                    dst.put(mine);
                } else if (b >= firstRecord && b < endRecords) {
                    dst.put(new byte[BlockDevice.BLOCK_SIZE]);
                } else {
                    dst.put(device.readBlock(b));
                }
            }
            return n;
        }

        @Override
        public int write(ByteBuffer src, long pos) {
            int n = src.remaining();
            for (long b = pos / BlockDevice.BLOCK_SIZE; src.hasRemaining(); b++) {
                byte[] block = new byte[BlockDevice.BLOCK_SIZE];
                src.get(block);
                written.put(b, block);
            }
            return n;
        }

        @Override
        public void force() {}

        @Override
        public void close() {}
    }
}
