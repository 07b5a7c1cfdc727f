package defragcheck.impl.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;

import defragcheck.impl.device.AlignedBuffers;
import defragcheck.impl.device.BlockDevice;

/**
 * The filesystem's metadata: inode table, extent maps and allocation bitmap, in memory and on the device.
 * {@link #apply} is the one place a metadata transaction changes anything, in memory; {@link #close} ends the
 * running transaction (the operations applied since the last close) and queues it for the {@link Journal};
 * {@link #checkpoint} queues the whole metadata image (O(extents) bytes) for the home slot not holding the current
 * image, which empties the journal. Both run under the metadata lock and do no I/O: the queued items are written
 * by {@link #awaitDurable}, with no filesystem-wide lock held (see {@link CommitQueue}). Opening loads the newest
 * valid home image and replays the journal's committed transactions through {@link #apply}.
 *
 * <p>Slot format: magic "DFMETA01", generation (8: the sequence of the last transaction it includes), payload
 * length (8), CRC32C of header bytes 0..24 and the payload (4), padding to byte 32; payload: inode count (4), per
 * inode {ino 4, type 1, flags 1, name length 2, name (64), size in blocks 8, extent count 4, extents {lblock 8,
 * pblock 8, length|unwritten<<31 4}}, bitmap word count (4), bitmap words (8 each). All big-endian. The checksum
 * covers every byte that decides what is read (a flipped generation must not make a stale slot win). The valid slot
 * with the highest generation is the home image; with the journal's transactions replayed it must reach the
 * generation of the journal's checkpoint record, else the newest checkpoint is damaged and opening is refused.
 */
public final class MetadataStore {
    private static final byte[] SLOT_MAGIC = "DFMETA01".getBytes(StandardCharsets.US_ASCII);

    private final BlockDevice device;
    private final Superblock sb;
    private final Filesystem fs;
    private final Journal journal;
    /** What closed transactions and checkpoints wait in until they are written, in order. */
    private final CommitQueue<Pending> commits = new CommitQueue<>(this::write);
    /** The inode table: concurrent, so a lookup takes no lock; changed only by {@link #apply}, under the metadata lock. */
    private final ConcurrentSkipListMap<Integer, Inode> inodes = new ConcurrentSkipListMap<>();
    /** Guarded by the metadata lock. */
    private BlockAllocator allocator;
    /**
     * Generation of the home image on the device and the slot holding it. Written by the committer only (one
     * thread at a time, ordered by {@link #commits}' lock), or at format and recovery before the filesystem runs.
     */
    private long homeGeneration;
    private int homeSlot;
    /**
     * Sequence of the last closed transaction: the one the in-memory metadata ends with (the home generation if none
     * was closed since). Guarded by the metadata lock.
     */
    private long closed;
    /** Generation the home image has once every queued item is written. Guarded by the metadata lock. */
    private long queuedHome;
    /** The operations applied since the last close: the running transaction. Guarded by the metadata lock. */
    private MetadataTransaction running = new MetadataTransaction();

    /** An item of {@link #commits}: what {@link #write} puts on the device. */
    private sealed interface Pending permits Record, Image {}

    /** Transaction {@code seq}'s intent and commit records, at journal block {@code at}. */
    private record Record(long seq, long at, ByteBuffer payload) implements Pending {}

    /**
     * The home image of {@code generation} ({@code slot}: header and payload, whole blocks). {@code flushFirst}: it
     * commits a transaction the journal had no room for, so the data written before must be durable first.
     */
    private record Image(long generation, ByteBuffer slot, boolean flushFirst) implements Pending {}

    private MetadataStore(BlockDevice device, Superblock sb, Filesystem fs) {
        this.device = device;
        this.sb = sb;
        this.fs = fs;
        this.journal = new Journal(device, sb);
    }

    /** An empty filesystem (generation 0 in slot A, slot B invalidated, journal erased). */
    static MetadataStore format(BlockDevice device, Superblock sb, Filesystem fs) throws IOException {
        MetadataStore m = new MetadataStore(device, sb, fs);
        m.allocator = BlockAllocator.fresh(sb.dataStart(), sb.totalBlocks());
        ByteBuffer zero = AlignedBuffers.allocate(BlockDevice.BLOCK_SIZE);
        device.write(sb.slotStart(1), zero); // a stale image from an earlier format must not win
        m.journal.erase();
        m.homeSlot = 1;
        m.homeGeneration = -1;
        m.closed = 0;
        m.queuedHome = 0;
        m.write(new Image(0, m.image(), false));
        return m;
    }

    /** Loads the home image, replays the journal's committed transactions and checkpoints them. */
    static MetadataStore load(BlockDevice device, Superblock sb, Filesystem fs) throws IOException {
        MetadataStore m = new MetadataStore(device, sb, fs);
        String path = device.path().toString();
        ByteBuffer best = null;
        long bestGen = -1;
        for (int slot = 0; slot < 2; slot++) {
            ByteBuffer payload = m.readSlot(slot);
            if (payload != null && payload.getLong(8) > bestGen) {
                bestGen = payload.getLong(8);
                best = payload;
                m.homeSlot = slot;
            }
        }
        if (best == null) {
            throw new InvalidImageException(path, "no metadata slot with a valid checksum");
        }
        m.homeGeneration = bestGen;
        m.closed = bestGen;
        m.queuedHome = bestGen;
        m.decode(best, path);
        m.recover(path);
        return m;
    }

    /**
     * Replays the journal's committed transactions in order, checks the result against the checkpoint record, and
     * checkpoints it. Every check comes before the first write: a refused image is left as it was. Runs at mount,
     * before any other thread can use the filesystem: no lock is needed, and the checkpoint is written directly.
     */
    private void recover(String path) throws IOException {
        long checkpointed = journal.checkpointedGeneration();
        if (checkpointed < 0) {
            throw new InvalidImageException(path, "the journal's checkpoint record is unreadable");
        }
        List<ByteBuffer> txns = journal.committedAfter(closed + 1);
        for (ByteBuffer payload : txns) {
            long seq = closed + 1;
            try {
                apply(IntentCodec.decode(payload));
            } catch (RuntimeException e) {
                throw new InvalidImageException(path, "journal transaction " + seq + " does not apply (" + e.getMessage() + ")");
            }
            running = new MetadataTransaction();
            closed = seq;
        }
        if (closed < checkpointed) {
            throw new InvalidImageException(path, "the home metadata of checkpoint " + checkpointed + " is damaged; the other slot"
                    + " and the journal reach only transaction " + closed + " (opening would lose the rest)");
        }
        if (!txns.isEmpty()) {
            verifyConservation(path);
            queuedHome = closed;
            journal.reset();
            write(new Image(closed, image(), false));
        } else if (checkpointed < homeGeneration) {
            // A crash came between a checkpoint's slot and its record: complete it.
            journal.writeCheckpointRecord(homeGeneration);
            device.force();
        }
    }

    /** The slot's bytes if its header and checksum are valid, else null. */
    private ByteBuffer readSlot(int slot) throws IOException {
        ByteBuffer head = ByteBuffer.wrap(device.readBlock(sb.slotStart(slot)));
        byte[] magic = new byte[SLOT_MAGIC.length];
        head.get(0, magic);
        long len = head.getLong(16);
        if (!java.util.Arrays.equals(magic, SLOT_MAGIC) || len < 0 || Superblock.SLOT_HEADER + len > sb.slotBlocks() * BlockDevice.BLOCK_SIZE) {
            return null;
        }
        int end = (int) (Superblock.SLOT_HEADER + len);
        ByteBuffer all = head;
        if (end > BlockDevice.BLOCK_SIZE) {
            all = AlignedBuffers.allocate(roundUp(end));
            device.read(sb.slotStart(slot), all);
        }
        return all.getInt(24) == slotChecksum(all, end) ? all : null;
    }

    /** CRC32C of the header's fields (bytes 0..24) and the payload: all but the checksum and its padding. */
    private static int slotChecksum(ByteBuffer slot, int end) {
        return Checksums.crc32c(slot, 0, 24, Superblock.SLOT_HEADER, end);
    }

    private void decode(ByteBuffer b, String path) throws InvalidImageException {
        try {
            b.position(Superblock.SLOT_HEADER);
            int count = b.getInt();
            for (int i = 0; i < count; i++) {
                int ino = b.getInt();
                InodeType type = InodeType.values()[b.get()];
                Set<InodeFlag> flags = flagsOf(b.get());
                byte[] name = new byte[b.getShort()];
                b.get(name);
                long size = b.getLong();
                int n = b.getInt();
                List<Extent> extents = new ArrayList<>(n);
                for (int j = 0; j < n; j++) {
                    long l = b.getLong();
                    long p = b.getLong();
                    int len = b.getInt();
                    extents.add(new Extent(l, p, len & 0x7fffffff, len < 0));
                }
                inodes.put(ino, new Inode(fs, ino, new String(name, StandardCharsets.UTF_8), type, flags, new ExtentMap(extents), size));
            }
            long[] words = new long[b.getInt()];
            for (int i = 0; i < words.length; i++) {
                words[i] = b.getLong();
            }
            allocator = new BlockAllocator(BitSet.valueOf(words), sb.dataStart(), sb.totalBlocks());
        } catch (RuntimeException e) {
            throw new InvalidImageException(path, "corrupt metadata (" + e + ")");
        }
        verifyConservation(path);
    }

    /** Every mapped block lies in the data area and is mapped once, and the bitmap is exactly the mapped blocks. */
    private void verifyConservation(String path) throws InvalidImageException {
        BitSet derived = new BitSet();
        derived.set(0, (int) sb.dataStart());
        for (Inode i : inodes.values()) {
            for (Extent e : i.extents.extents()) {
                if (e.pblock() < sb.dataStart() || e.pblock() + e.length() > sb.totalBlocks()) {
                    throw new InvalidImageException(path, "inode " + i.ino() + " maps blocks outside the data area");
                }
                int p = (int) e.pblock();
                if (derived.get(p, (int) (p + e.length())).cardinality() > 0) {
                    throw new InvalidImageException(path, "block mapped twice (inode " + i.ino() + ")");
                }
                derived.set(p, (int) (p + e.length()));
            }
        }
        if (!allocator.bitmap().equals(derived)) {
            throw new InvalidImageException(path, "allocation bitmap disagrees with the extent maps");
        }
    }

    /**
     * The one place a metadata transaction takes effect (in memory). The caller holds the metadata lock (but
     * recovery, before the filesystem runs); the transaction's inodes' i_data_sem are held for writing across the
     * whole of it (lower inode number first), so a reader sees a swap of two files' maps whole.
     */
    public void apply(MetadataTransaction txn) {
        List<Inode> locked = new ArrayList<>();
        TreeSet<Integer> touched = new TreeSet<>();
        for (MetadataTransaction.Op op : txn.ops()) {
            if (op instanceof MetadataTransaction.MapRange m) {
                touched.add(m.ino());
            } else if (op instanceof MetadataTransaction.SetSize z) {
                touched.add(z.ino());
            }
        }
        for (int ino : touched) {
            Inode i = inodes.get(ino);
            if (i != null) {
                i.dataSem.writeLock().lock();
                locked.add(i);
            }
        }
        try {
            applyOps(txn);
        } finally {
            for (int k = locked.size() - 1; k >= 0; k--) {
                locked.get(k).dataSem.writeLock().unlock();
            }
        }
    }

    private void applyOps(MetadataTransaction txn) {
        for (MetadataTransaction.Op op : txn.ops()) {
            if (op instanceof MetadataTransaction.CreateInode c) {
                if (inodes.containsKey(c.ino()) || inodes.size() >= sb.maxInodes()) {
                    throw new IllegalStateException("cannot create inode " + c.ino());
                }
                inodes.put(c.ino(), new Inode(fs, c.ino(), c.name(), c.type(), c.flags(), new ExtentMap(), 0));
            } else if (op instanceof MetadataTransaction.DeleteInode d) {
                Inode gone = inode(d.ino());
                if (gone.extents.extentCount() != 0) {
                    throw new IllegalStateException("deleting inode " + d.ino() + " which still maps blocks");
                }
                inodes.remove(d.ino());
            } else if (op instanceof MetadataTransaction.MapRange m) {
                inode(m.ino()).extents.replace(m.from(), m.count(), m.pieces());
            } else if (op instanceof MetadataTransaction.SetSize s) {
                inode(s.ino()).sizeBlocks = s.sizeBlocks();
            } else if (op instanceof MetadataTransaction.Allocate a) {
                allocator.markUsed(a.start(), a.count());
            } else if (op instanceof MetadataTransaction.Free f) {
                allocator.markFree(f.start(), f.count());
            }
            running.add(op);
        }
    }

    /**
     * Closes the running transaction, if any (jbd2_journal_stop of the last handle): gives it the next sequence and
     * queues its journal records, or, if the journal has no room, a checkpoint (flush, then the whole image), which is
     * as atomic. No I/O: the caller ({@link Transactions}) holds the metadata lock. Returns the ticket to
     * {@link #awaitDurable} for it and everything closed before (a read-only session closes nothing and waits for nothing).
     */
    long close() {
        if (!running.isEmpty()) {
            ByteBuffer payload = IntentCodec.encode(running);
            running = new MetadataTransaction();
            closed++;
            if (journal.fits(payload)) {
                commits.add(new Record(closed, journal.reserve(payload.remaining()), payload));
            } else {
                queueImage(true);
            }
        }
        return commits.lastQueued();
    }

    /**
     * Queues a checkpoint of the closed transactions, if any is not home yet: the image to the slot not holding the
     * current one, forced, then the journal's checkpoint record naming it; the journal's records are then obsolete.
     * Requires no running transaction; the caller ({@link Transactions}) holds the metadata lock. Returns the ticket
     * to wait for.
     */
    long checkpoint() {
        if (!running.isEmpty()) {
            throw new IllegalStateException("checkpoint with an uncommitted running transaction");
        }
        if (closed != queuedHome) {
            queueImage(false);
        }
        return commits.lastQueued();
    }

    /** Ticket of the last item queued; the caller holds the metadata lock, so no other is queued meanwhile. */
    long lastQueued() {
        return commits.lastQueued();
    }

    /**
     * Returns once ticket {@code ticket} and everything queued before it are durable, writing them if no other thread
     * is. The caller ({@link Transactions}) must not hold the metadata lock (a writer of another file would wait for
     * this I/O); it may hold inode and page locks, which the writing needs none of (a defrag keeps its inodes locked
     * until its swap is durable).
     */
    void awaitDurable(long ticket) throws IOException {
        commits.await(ticket);
    }

    /** The image of the closed transactions, queued: the journal restarts at its first record after it. */
    private void queueImage(boolean flushFirst) {
        queuedHome = closed;
        journal.reset();
        commits.add(new Image(closed, image(), flushFirst));
    }

    /** The I/O of one queued item (or of format's and recovery's checkpoint), with no filesystem-wide lock held. */
    private void write(Pending item) throws IOException {
        if (item instanceof Record r) {
            journal.append(r.at(), r.seq(), r.payload());
        } else if (item instanceof Image i) {
            if (i.flushFirst()) {
                device.force();
            }
            int slot = 1 - homeSlot;
            device.write(sb.slotStart(slot), i.slot());
            device.force();
            journal.writeCheckpointRecord(i.generation()); // only now: until the slot is durable the older one must be trusted
            device.force();
            homeSlot = slot;
            homeGeneration = i.generation();
        }
    }

    /** The slot image of the metadata as it is now (generation {@link #closed}): header and payload, whole blocks. */
    private ByteBuffer image() {
        ByteBuffer payload = encode();
        int end = payload.limit();
        ByteBuffer out = AlignedBuffers.allocate(roundUp(end));
        out.put(payload.position(0));
        out.put(0, SLOT_MAGIC).putLong(8, closed).putLong(16, end - Superblock.SLOT_HEADER);
        out.putInt(24, slotChecksum(out, end));
        return out.clear();
    }

    private ByteBuffer encode() {
        long words = (sb.totalBlocks() + 63) / 64;
        long bytes = Superblock.SLOT_HEADER + 4 + 4 + words * 8;
        for (Inode i : inodes.values()) {
            bytes += Superblock.INODE_BYTES + (long) i.extents.extentCount() * Superblock.EXTENT_BYTES;
        }
        ByteBuffer b = ByteBuffer.allocate((int) bytes);
        b.position(Superblock.SLOT_HEADER);
        b.putInt(inodes.size());
        for (Inode i : inodes.values()) {
            byte[] name = i.name().getBytes(StandardCharsets.UTF_8);
            b.putInt(i.ino()).put((byte) i.type().ordinal()).put(flagBits(i.flags())).putShort((short) name.length).put(name);
            b.putLong(i.sizeBlocks).putInt(i.extents.extentCount());
            for (Extent e : i.extents.extents()) {
                b.putLong(e.lblock()).putLong(e.pblock()).putInt((int) e.length() | (e.unwritten() ? 0x80000000 : 0));
            }
        }
        long[] bits = allocator.bitmap().toLongArray();
        b.putInt(bits.length);
        for (long w : bits) {
            b.putLong(w);
        }
        b.flip();
        return b;
    }

    static byte flagBits(Set<InodeFlag> flags) {
        int bits = 0;
        for (InodeFlag f : flags) {
            bits |= 1 << f.ordinal();
        }
        return (byte) bits;
    }

    static Set<InodeFlag> flagsOf(byte bits) {
        Set<InodeFlag> s = EnumSet.noneOf(InodeFlag.class);
        for (InodeFlag f : InodeFlag.values()) {
            if ((bits & (1 << f.ordinal())) != 0) {
                s.add(f);
            }
        }
        return s;
    }

    private static int roundUp(long bytes) {
        return (int) ((bytes + BlockDevice.BLOCK_SIZE - 1) / BlockDevice.BLOCK_SIZE * BlockDevice.BLOCK_SIZE);
    }

    public Inode inode(int ino) {
        Inode i = inodes.get(ino);
        if (i == null) {
            throw new IllegalArgumentException("no inode " + ino);
        }
        return i;
    }

    public Inode find(int ino) {
        return inodes.get(ino);
    }

    public Collection<Inode> inodes() {
        return inodes.values();
    }

    public BlockAllocator allocator() {
        return allocator;
    }

    public Superblock superblock() {
        return sb;
    }

    public int freeInodeNumber() {
        for (int ino = 1; ino <= sb.maxInodes(); ino++) {
            if (!inodes.containsKey(ino)) {
                return ino;
            }
        }
        return -1;
    }
}
