package defragcheck.impl.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import defragcheck.impl.device.AlignedBuffers;
import defragcheck.impl.device.BlockDevice;

/**
 * The write-ahead journal: block 0 holds the checkpoint record, then since the last checkpoint one record pair per
 * committed transaction, sequence numbers consecutive from the checkpoint's generation + 1.
 *
 * <p>Commit protocol ({@link #append}): write the intent record (the transaction's operations); barrier (a device
 * flush: the intent, and every data write issued before it, such as a defrag's copy, is now durable); write the commit
 * record; flush (the transaction is durable before the caller goes on, e.g. before a defrag unlocks). A transaction's
 * place is {@link #reserve reserved} when it is closed, under the metadata lock; its I/O comes later, in sequence
 * order, from {@code MetadataStore}'s {@link CommitQueue} with no filesystem-wide lock held. Transaction N+1's intent
 * is written only once N's commit record is durable (recovery relies on it).
 *
 * <p>Checkpoint record, block 0, a {@link MirroredRecord}: magic "DFJCKPT1" (8), the generation of the last completed
 * checkpoint (8). Written after the home slot of that checkpoint is durable: it says which generation the home
 * metadata must at least reach, so a damaged newest slot is never silently replaced by the older one.
 *
 * <p>Intent record, at a block boundary: magic "DFJINTNT" (8), sequence (8), payload length (4), payload CRC32C (4),
 * header CRC32C over bytes 0..24 (4), zero (4), then the {@link IntentCodec} payload, padded to whole blocks.
 * Commit record, the block right after, a {@link MirroredRecord}: magic "DFJCOMMT" (8), sequence (8), the intent's
 * payload CRC32C (4). The next transaction's intent follows the commit block.
 *
 * <p>Recovery rules ({@link #committedAfter}): starting at block 1 with the sequence after the loaded checkpoint, a
 * transaction is replayed iff its intent header and payload match their checksums and the next block holds a valid
 * copy of a commit record of the same sequence naming the same payload checksum. The first transaction that is not
 * so ends the log; it was never committed (a crash before its commit record was durable) and is discarded, unless the
 * journal holds proof that it was committed: a valid commit record of it or of a later transaction, or an intent of a
 * later one (transaction N+1 is only written once N's commit is durable). Then a committed transaction was damaged
 * and opening fails with a clear error rather than losing it silently.
 */
final class Journal {
    private static final byte[] INTENT_MAGIC = "DFJINTNT".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COMMIT_MAGIC = "DFJCOMMT".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHECKPOINT_MAGIC = "DFJCKPT1".getBytes(StandardCharsets.US_ASCII);
    static final int INTENT_HEADER = 32;
    private static final int COMMIT_FIELDS = 20;
    private static final int CHECKPOINT_FIELDS = 16;
    /** The first record's block: block 0 is the checkpoint record. */
    private static final long FIRST_RECORD = 1;
    private static final int ERASE_CHUNK_BLOCKS = 256;

    private final BlockDevice device;
    private final Superblock sb;
    /**
     * Journal block (relative) where the next transaction closed goes; {@link #FIRST_RECORD} once a checkpoint is
     * queued. Guarded by the metadata lock (set without it only at format and recovery, before the filesystem runs).
     */
    private long head = FIRST_RECORD;

    Journal(BlockDevice device, Superblock sb) {
        this.device = device;
        this.sb = sb;
    }

    /** Zeroes the whole journal (format): stale records of an earlier filesystem on the device must never replay. */
    void erase() throws IOException {
        ByteBuffer zero = AlignedBuffers.allocate(ERASE_CHUNK_BLOCKS * BlockDevice.BLOCK_SIZE);
        for (long b = 0; b < sb.journalBlocks(); b += ERASE_CHUNK_BLOCKS) {
            int n = (int) Math.min(ERASE_CHUNK_BLOCKS, sb.journalBlocks() - b);
            device.write(sb.journalStart() + b, zero.clear().limit(n * BlockDevice.BLOCK_SIZE));
        }
        head = FIRST_RECORD;
    }

    /** Whether a transaction with this payload fits in the journal's free space. Caller holds the metadata lock. */
    boolean fits(ByteBuffer payload) {
        return head + intentBlocks(payload.remaining()) + 1 <= sb.journalBlocks();
    }

    /** The journal block of a transaction of {@code payloadBytes} that {@link #fits}, which it now owns. Caller holds the metadata lock. */
    long reserve(int payloadBytes) {
        long at = head;
        head += intentBlocks(payloadBytes) + 1;
        return at;
    }

    /**
     * Commits transaction {@code seq} at its reserved block {@code at}: intent, barrier, commit record, flush. The
     * caller holds no filesystem-wide lock and is the only one writing the journal (the committer).
     */
    void append(long at, long seq, ByteBuffer payload) throws IOException {
        int len = payload.remaining();
        int n = intentBlocks(len);
        int payloadCrc = Checksums.crc32c(payload, payload.position(), payload.limit());
        ByteBuffer intent = AlignedBuffers.allocate(n * BlockDevice.BLOCK_SIZE);
        intent.put(INTENT_MAGIC).putLong(seq).putInt(len).putInt(payloadCrc);
        intent.putInt(24, Checksums.crc32c(intent, 0, 24));
        intent.position(INTENT_HEADER);
        intent.put(payload.duplicate());
        intent.clear();
        device.write(sb.journalStart() + at, intent);
        device.force();
        ByteBuffer commit = ByteBuffer.allocate(COMMIT_FIELDS).put(COMMIT_MAGIC).putLong(seq).putInt(payloadCrc).flip();
        device.write(sb.journalStart() + at + n, MirroredRecord.block(commit));
        device.force();
    }

    /** Records that the checkpoint of {@code generation} is durable in its home slot; the caller flushes. */
    void writeCheckpointRecord(long generation) throws IOException {
        ByteBuffer fields = ByteBuffer.allocate(CHECKPOINT_FIELDS).put(CHECKPOINT_MAGIC).putLong(generation).flip();
        device.write(sb.journalStart(), MirroredRecord.block(fields));
    }

    /** The generation of the last completed checkpoint (the newer of two valid copies), or -1 if no copy is valid. */
    long checkpointedGeneration() throws IOException {
        long generation = -1;
        for (ByteBuffer copy : MirroredRecord.validCopies(readBlock(0), CHECKPOINT_FIELDS)) {
            if (Arrays.equals(magic(copy), CHECKPOINT_MAGIC)) {
                generation = Math.max(generation, copy.getLong(8));
            }
        }
        return generation;
    }

    /**
     * After a checkpoint every record is obsolete: the next one starts at the journal's first record block. Caller
     * holds the metadata lock and queues the checkpoint before any later transaction.
     */
    void reset() {
        head = FIRST_RECORD;
    }

    /**
     * The payloads of the committed transactions {@code firstSeq, firstSeq+1, ...}, in order, per the recovery rules;
     * the journal head is left after the last of them.
     */
    List<ByteBuffer> committedAfter(long firstSeq) throws IOException {
        String path = device.path().toString();
        List<ByteBuffer> out = new ArrayList<>();
        long seq = firstSeq;
        long pos = FIRST_RECORD;
        while (pos < sb.journalBlocks()) {
            ByteBuffer header = readBlock(pos);
            if (!validIntentHeader(header) || header.getLong(8) != seq) {
                break;
            }
            int len = header.getInt(16);
            if (len < 0 || pos + intentBlocks(len) + 1 > sb.journalBlocks()) {
                break;
            }
            int n = intentBlocks(len);
            ByteBuffer intent = readBlocks(pos, n);
            int payloadCrc = Checksums.crc32c(intent, INTENT_HEADER, INTENT_HEADER + len);
            ByteBuffer commit = commitOf(readBlock(pos + n), seq);
            if (commit == null) {
                break;
            }
            if (payloadCrc != header.getInt(20) || commit.getInt(16) != payloadCrc) {
                throw new InvalidImageException(path, "journal transaction " + seq + " is committed but its intent record fails its checksum");
            }
            out.add(intent.position(INTENT_HEADER).limit(INTENT_HEADER + len).slice());
            seq++;
            pos += n + 1;
        }
        requireNoProofOfCommit(seq, pos, path);
        head = pos;
        return out;
    }

    /** Refuses if a block from {@code pos} on proves that transaction {@code seq}, which did not replay, was committed. */
    private void requireNoProofOfCommit(long seq, long pos, String path) throws IOException {
        for (long p = pos; p < sb.journalBlocks(); p++) {
            long proof = proofOfCommit(readBlock(p), seq);
            if (proof == seq) {
                throw new InvalidImageException(path, "journal transaction " + seq + " is committed but its intent record is unreadable");
            }
            if (proof > seq) {
                throw new InvalidImageException(path, "journal transaction " + seq + " is unreadable, but transaction " + proof
                        + " follows it, so it was committed");
            }
        }
    }

    /**
     * The sequence of a transaction at or after {@code seq} whose record in {@code block} proves {@code seq} committed:
     * a valid commit record of it or a later one, or a later one's intent; else -1.
     */
    private static long proofOfCommit(ByteBuffer block, long seq) {
        for (ByteBuffer copy : MirroredRecord.validCopies(block, COMMIT_FIELDS)) {
            if (Arrays.equals(magic(copy), COMMIT_MAGIC) && copy.getLong(8) >= seq) {
                return copy.getLong(8);
            }
        }
        return validIntentHeader(block) && block.getLong(8) > seq ? block.getLong(8) : -1;
    }

    /** The valid copy of the commit record of {@code seq} in {@code block}, or null. */
    private static ByteBuffer commitOf(ByteBuffer block, long seq) {
        for (ByteBuffer copy : MirroredRecord.validCopies(block, COMMIT_FIELDS)) {
            if (Arrays.equals(magic(copy), COMMIT_MAGIC) && copy.getLong(8) == seq) {
                return copy;
            }
        }
        return null;
    }

    private static boolean validIntentHeader(ByteBuffer b) {
        return Arrays.equals(magic(b), INTENT_MAGIC) && b.getInt(24) == Checksums.crc32c(b, 0, 24);
    }

    private static byte[] magic(ByteBuffer b) {
        byte[] m = new byte[8];
        b.get(0, m);
        return m;
    }

    /** One journal block in a heap buffer (no aligned buffer to allocate: recovery reads many single blocks). */
    private ByteBuffer readBlock(long pos) throws IOException {
        return ByteBuffer.wrap(device.readBlock(sb.journalStart() + pos));
    }

    private ByteBuffer readBlocks(long pos, int n) throws IOException {
        ByteBuffer b = AlignedBuffers.allocate(n * BlockDevice.BLOCK_SIZE);
        device.read(sb.journalStart() + pos, b);
        return b.clear();
    }

    private static int intentBlocks(int payloadBytes) {
        return (int) ((INTENT_HEADER + (long) payloadBytes + BlockDevice.BLOCK_SIZE - 1) / BlockDevice.BLOCK_SIZE);
    }
}
