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
 * The write-ahead journal: a region of the device holding, since the last checkpoint, one record pair per committed
 * transaction, sequence numbers consecutive from the checkpoint's generation + 1.
 *
 * <p>Commit protocol ({@link #append}): write the intent record (the transaction's operations); barrier (a device
 * flush: the intent, and every data write issued before it, such as a defrag's copy, is now durable); write the commit
 * record; flush (the transaction is durable before the caller goes on, e.g. before a defrag unlocks).
 *
 * <p>Intent record, at a block boundary: magic "DFJINTNT" (8), sequence (8), payload length (4), payload CRC32C (4),
 * header CRC32C over bytes 0..24 (4), zero (4), then the {@link IntentCodec} payload, padded to whole blocks.
 * Commit record, the block right after: magic "DFJCOMMT" (8), sequence (8), the intent's payload CRC32C (4), CRC32C
 * over bytes 0..20 (4). The next transaction's intent follows the commit block.
 *
 * <p>Recovery rules ({@link #committedAfter}): starting at the journal's first block with the sequence after the
 * checkpoint, a transaction is replayed iff its intent header and payload match their checksums and the next block is
 * a valid commit record of the same sequence naming the same payload checksum. The first transaction that is not so
 * ends the log; it was never committed (a crash before its commit record was durable) and is discarded, unless a
 * valid commit record of its sequence exists in the journal: then a committed transaction was damaged after its
 * commit and opening fails with a clear error rather than losing it silently.
 */
final class Journal {
    private static final byte[] INTENT_MAGIC = "DFJINTNT".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COMMIT_MAGIC = "DFJCOMMT".getBytes(StandardCharsets.US_ASCII);
    static final int INTENT_HEADER = 32;

    private final BlockDevice device;
    private final Superblock sb;
    /** Journal block (relative) of the next record; 0 after a checkpoint. */
    private long head;

    Journal(BlockDevice device, Superblock sb) {
        this.device = device;
        this.sb = sb;
    }

    /** Zeroes the whole journal (format): stale records of an earlier filesystem on the device must never replay. */
    void erase() throws IOException {
        ByteBuffer zero = AlignedBuffers.allocate((int) sb.journalBlocks() * BlockDevice.BLOCK_SIZE);
        device.write(sb.journalStart(), zero);
        head = 0;
    }

    /** Whether a transaction with this payload fits in the journal's free space. */
    boolean fits(ByteBuffer payload) {
        return head + intentBlocks(payload.remaining()) + 1 <= sb.journalBlocks();
    }

    /**
     * Commits transaction {@code seq}: intent, barrier, commit record, flush. {@code barrier} false is the test-only
     * ablation that writes the commit record before the intent and earlier data writes are durable.
     */
    void append(long seq, ByteBuffer payload, boolean barrier) throws IOException {
        int len = payload.remaining();
        int n = intentBlocks(len);
        ByteBuffer intent = AlignedBuffers.allocate(n * BlockDevice.BLOCK_SIZE);
        intent.put(INTENT_MAGIC).putLong(seq).putInt(len).putInt(Checksums.crc32c(payload, payload.position(), payload.limit()));
        intent.putInt(24, Checksums.crc32c(intent, 0, 24));
        intent.position(INTENT_HEADER);
        intent.put(payload.duplicate());
        intent.clear();
        device.write(sb.journalStart() + head, intent);
        if (barrier) {
            device.force();
        }
        ByteBuffer commit = AlignedBuffers.allocate(BlockDevice.BLOCK_SIZE);
        commit.put(COMMIT_MAGIC).putLong(seq).putInt(intent.getInt(20));
        commit.putInt(Checksums.crc32c(commit, 0, 20));
        commit.clear();
        device.write(sb.journalStart() + head + n, commit);
        device.force();
        head += n + 1;
    }

    /** After a checkpoint every record is obsolete: the next one starts at the journal's first block. */
    void reset() {
        head = 0;
    }

    /**
     * The payloads of the committed transactions {@code firstSeq, firstSeq+1, ...}, in order, per the recovery rules;
     * the journal head is left after the last of them.
     */
    List<ByteBuffer> committedAfter(long firstSeq) throws IOException {
        String path = device.path().toString();
        List<ByteBuffer> out = new ArrayList<>();
        long seq = firstSeq;
        long pos = 0;
        while (pos < sb.journalBlocks()) {
            ByteBuffer header = readBlocks(pos, 1);
            if (!Arrays.equals(magic(header), INTENT_MAGIC) || header.getLong(8) != seq || header.getInt(24) != Checksums.crc32c(header, 0, 24)) {
                break;
            }
            int len = header.getInt(16);
            if (len < 0 || pos + intentBlocks(len) + 1 > sb.journalBlocks()) {
                break;
            }
            int n = intentBlocks(len);
            ByteBuffer intent = readBlocks(pos, n);
            int payloadCrc = Checksums.crc32c(intent, INTENT_HEADER, INTENT_HEADER + len);
            ByteBuffer commit = readBlocks(pos + n, 1);
            if (!validCommit(commit, seq)) {
                break;
            }
            if (payloadCrc != header.getInt(20) || commit.getInt(16) != payloadCrc) {
                throw new InvalidImageException(path, "journal transaction " + seq + " is committed but its intent record fails its checksum");
            }
            out.add(intent.position(INTENT_HEADER).limit(INTENT_HEADER + len).slice());
            seq++;
            pos += n + 1;
        }
        for (long p = pos + 1; p < sb.journalBlocks(); p++) {
            if (validCommit(readBlocks(p, 1), seq)) {
                throw new InvalidImageException(path, "journal transaction " + seq + " is committed but its intent record is unreadable");
            }
        }
        head = pos;
        return out;
    }

    private static boolean validCommit(ByteBuffer b, long seq) {
        return Arrays.equals(magic(b), COMMIT_MAGIC) && b.getLong(8) == seq && b.getInt(20) == Checksums.crc32c(b, 0, 20);
    }

    private static byte[] magic(ByteBuffer b) {
        byte[] m = new byte[8];
        b.get(0, m);
        return m;
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
