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
import java.util.TreeMap;

import defragcheck.impl.device.AlignedBuffers;
import defragcheck.impl.device.BlockDevice;

/**
 * The filesystem's metadata: inode table, extent maps and allocation bitmap, in memory and on the device.
 * {@link #apply} is the one place a metadata transaction changes anything; {@link #persist} writes the whole
 * metadata image (O(extents) bytes) to the slot not holding the current image, then forces it.
 *
 * <p>Slot format: magic "DFMETA01", generation (8), payload length (8), CRC32C of the payload (4), padding to
 * byte 32; payload: inode count (4), per inode {ino 4, type 1, flags 1, name length 2, name (64), size in
 * blocks 8, extent count 4, extents {lblock 8, pblock 8, length|unwritten<<31 4}}, bitmap word count (4),
 * bitmap words (8 each). All big-endian. The valid slot with the highest generation is the current image.
 */
public final class MetadataStore {
    private static final byte[] SLOT_MAGIC = "DFMETA01".getBytes(StandardCharsets.US_ASCII);

    private final BlockDevice device;
    private final Superblock sb;
    private final Filesystem fs;
    private final TreeMap<Integer, Inode> inodes = new TreeMap<>();
    private BlockAllocator allocator;
    private long generation;
    private boolean dirty;

    private MetadataStore(BlockDevice device, Superblock sb, Filesystem fs) {
        this.device = device;
        this.sb = sb;
        this.fs = fs;
    }

    /** An empty filesystem (generation 0 in slot A, slot B invalidated). */
    static MetadataStore format(BlockDevice device, Superblock sb, Filesystem fs) throws IOException {
        MetadataStore m = new MetadataStore(device, sb, fs);
        m.allocator = BlockAllocator.fresh(sb.dataStart(), sb.totalBlocks());
        m.generation = -1;
        ByteBuffer zero = AlignedBuffers.allocate(BlockDevice.BLOCK_SIZE);
        device.write(sb.slotStart(1), zero); // a stale image from an earlier format must not win
        m.persist();
        return m;
    }

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
            }
        }
        if (best == null) {
            throw new InvalidImageException(path, "no metadata slot with a valid checksum");
        }
        m.generation = bestGen;
        m.decode(best, path);
        return m;
    }

    /** The slot's bytes if its header and checksum are valid, else null. */
    private ByteBuffer readSlot(int slot) throws IOException {
        ByteBuffer head = AlignedBuffers.allocate(BlockDevice.BLOCK_SIZE);
        device.read(sb.slotStart(slot), head);
        byte[] magic = new byte[SLOT_MAGIC.length];
        head.get(0, magic);
        long len = head.getLong(16);
        if (!java.util.Arrays.equals(magic, SLOT_MAGIC) || len < 0 || Superblock.SLOT_HEADER + len > sb.slotBlocks() * BlockDevice.BLOCK_SIZE) {
            return null;
        }
        int bytes = roundUp(Superblock.SLOT_HEADER + len);
        ByteBuffer all = AlignedBuffers.allocate(bytes);
        device.read(sb.slotStart(slot), all);
        int end = (int) (Superblock.SLOT_HEADER + len);
        return all.getInt(24) == Checksums.crc32c(all, Superblock.SLOT_HEADER, end) ? all : null;
    }

    private void decode(ByteBuffer b, String path) throws InvalidImageException {
        try {
            b.position(Superblock.SLOT_HEADER);
            int count = b.getInt();
            BitSet derived = new BitSet();
            derived.set(0, (int) sb.dataStart());
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
                    Extent e = new Extent(l, p, len & 0x7fffffff, len < 0);
                    if (e.pblock() < sb.dataStart() || e.pblock() + e.length() > sb.totalBlocks()) {
                        throw new InvalidImageException(path, "inode " + ino + " maps blocks outside the data area");
                    }
                    if (derived.get((int) p, (int) (p + e.length())).cardinality() > 0) {
                        throw new InvalidImageException(path, "block mapped twice (inode " + ino + ")");
                    }
                    derived.set((int) p, (int) (p + e.length()));
                    extents.add(e);
                }
                inodes.put(ino, new Inode(fs, ino, new String(name, StandardCharsets.UTF_8), type, flags, new ExtentMap(extents), size));
            }
            long[] words = new long[b.getInt()];
            for (int i = 0; i < words.length; i++) {
                words[i] = b.getLong();
            }
            BitSet bitmap = BitSet.valueOf(words);
            if (!bitmap.equals(derived)) {
                throw new InvalidImageException(path, "allocation bitmap disagrees with the extent maps");
            }
            allocator = new BlockAllocator(bitmap, sb.dataStart(), sb.totalBlocks());
        } catch (RuntimeException e) {
            throw new InvalidImageException(path, "corrupt metadata (" + e + ")");
        }
    }

    /** The one place a metadata transaction takes effect (in memory). Call inside the state monitor. */
    public void apply(MetadataTransaction txn) {
        dirty |= !txn.isEmpty();
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
        }
    }

    /** Writes the current metadata image to the other slot and forces it: the commit point. */
    public void persist() throws IOException {
        long next = generation + 1;
        ByteBuffer payload = encode();
        int end = payload.limit();
        ByteBuffer out = AlignedBuffers.allocate(roundUp(end));
        out.put(payload.position(0));
        out.put(0, SLOT_MAGIC).putLong(8, next).putLong(16, end - Superblock.SLOT_HEADER);
        out.putInt(24, Checksums.crc32c(out, Superblock.SLOT_HEADER, end));
        out.clear();
        device.write(sb.slotStart((int) (next % 2)), out);
        device.force();
        generation = next;
        dirty = false;
    }

    /** Persists only if a transaction was applied since the last persist (so a read-only session writes nothing). */
    public void persistIfDirty() throws IOException {
        if (dirty) {
            persist();
        }
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

    private static byte flagBits(Set<InodeFlag> flags) {
        int bits = 0;
        for (InodeFlag f : flags) {
            bits |= 1 << f.ordinal();
        }
        return (byte) bits;
    }

    private static Set<InodeFlag> flagsOf(byte bits) {
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
