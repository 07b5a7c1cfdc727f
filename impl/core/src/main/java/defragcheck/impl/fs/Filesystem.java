package defragcheck.impl.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import defragcheck.impl.cache.PageCache;
import defragcheck.impl.cache.PageTables;
import defragcheck.impl.device.AlignedBuffers;
import defragcheck.impl.device.BlockDevice;
import defragcheck.impl.device.DeviceAccess;
import defragcheck.impl.io.BufferedIo;
import defragcheck.impl.io.DataPath;
import defragcheck.impl.io.DirectIo;
import defragcheck.impl.io.MmapIo;
import defragcheck.impl.io.Writeback;
import defragcheck.impl.observe.StepHook;

/**
 * A mounted filesystem (the super_block): formatting, mounting, fsync, sync and unmount, the step hook, the running
 * defrags, and its parts: {@link #names()} (namespace), {@link #transactions()} (metadata transactions and the one
 * filesystem-wide lock, never held across device I/O), {@link #space()} (extent maps and free space), the page
 * cache and page tables, and the I/O paths {@link #buffered()}, {@link #direct()}, {@link #mmap()} and
 * {@link #writeback()}. Locking is per inode and per page (see {@link Inode} for the order); defrag lives in
 * {@code defragcheck.impl.defrag}.
 */
public final class Filesystem implements AutoCloseable {
    /** The inode table's size unless the formatter is told otherwise (mkfs -N). */
    public static final int MAX_INODES = 1024;
    private static final int FORMAT_CHUNK_BLOCKS = 256;

    private final BlockDevice device;
    private final Superblock superblock;
    private final Transactions transactions;
    private final Namespace names;
    private final Space space;
    private final PageCache cache = new PageCache();
    private final PageTables ptes = new PageTables();
    /** The running defrags by id: concurrent, so registering and observing take no lock. */
    private final Map<String, StepReporter> defrags = new ConcurrentHashMap<>();
    private final DataPath dataPath;
    private final BufferedIo buffered;
    private final DirectIo direct;
    private final MmapIo mmap;
    private final Writeback writeback;
    /** Volatile: replaced between runs, read by every step without a lock. */
    private volatile StepHook hook = StepHook.NONE;

    /** What a running defrag reports of itself (its step, for the conformance rig's abstract state). */
    public interface StepReporter {
        String step();
    }

    private Filesystem(BlockDevice device, Superblock sb, boolean fresh) throws IOException {
        this.device = device;
        this.superblock = sb;
        MetadataStore store = fresh ? MetadataStore.format(device, sb, this) : MetadataStore.load(device, sb, this);
        this.transactions = new Transactions(store);
        this.names = new Namespace(store, transactions, cache, ptes);
        this.space = new Space(device, store, transactions, cache, ptes);
        this.dataPath = new DataPath(this);
        this.buffered = new BufferedIo(this);
        this.direct = new DirectIo(this);
        this.mmap = new MmapIo(this);
        this.writeback = new Writeback(this);
    }

    /** Creates an image file of {@code blocks} 4 KiB blocks holding an empty filesystem, opened with O_DIRECT. */
    public static Filesystem format(Path image, long blocks) throws IOException {
        return format(image, blocks, DeviceAccess.DIRECT);
    }

    /** As {@link #format(Path, long)} with an inode table of {@code maxInodes} (a smaller one: less metadata). */
    public static Filesystem format(Path image, long blocks, int maxInodes) throws IOException {
        BlockDevice dev = BlockDevice.createImage(image, blocks, DeviceAccess.DIRECT);
        try {
            return formatDevice(dev, maxInodes);
        } catch (IOException | RuntimeException e) {
            dev.close();
            throw e;
        }
    }

    /**
     * Formats {@code image}: an image file is (re)created with {@code blocks} blocks; a block device (e.g. a loop
     * device) keeps its own size and {@code blocks} is ignored. Every data block is written (with stale content).
     */
    public static Filesystem format(Path image, long blocks, DeviceAccess access) throws IOException {
        boolean blockDevice = Files.exists(image) && !Files.isRegularFile(image);
        if (!blockDevice) {
            requireFormattable(image, blocks);
        }
        BlockDevice dev = blockDevice
                ? BlockDevice.open(image, access) // a block device keeps its own size
                : BlockDevice.createImage(image, blocks, access);
        try {
            return formatDevice(dev, MAX_INODES);
        } catch (IOException | RuntimeException e) {
            dev.close();
            throw e;
        }
    }

    /**
     * Formats a new image file at {@code image}, refusing if anything is there (see {@link BlockDevice#createNewImage});
     * if formatting fails, the file it created is removed.
     */
    public static Filesystem formatNew(Path image, long blocks, DeviceAccess access) throws IOException {
        requireFormattable(image, blocks);
        Path dir = image.toAbsolutePath().getParent();
        long free = Files.getFileStore(dir).getUsableSpace();
        if (free / BlockDevice.BLOCK_SIZE < blocks) {
            throw new NoSpaceException(image + ": needs " + (blocks >> 8) + " MiB, " + dir + " has " + (free >> 20) + " MiB free");
        }
        BlockDevice dev = BlockDevice.createNewImage(image, blocks, access);
        try {
            return formatDevice(dev, MAX_INODES);
        } catch (IOException | RuntimeException e) {
            dev.close();
            Files.deleteIfExists(image);
            throw e;
        }
    }

    /** Refuses, before anything is written, a device size the format cannot lay out. */
    private static void requireFormattable(Path image, long blocks) throws IOException {
        if (blocks < 1 || blocks > Superblock.maxBlocks(MAX_INODES)) {
            throw new IOException(image + ": " + blocks + " blocks is outside what the format holds (at most "
                    + Superblock.maxBlocks(MAX_INODES) + " blocks, " + (Superblock.maxBlocks(MAX_INODES) >> 18) + " GiB)");
        }
    }

    private static Filesystem formatDevice(BlockDevice dev, int maxInodes) throws IOException {
        requireFormattable(dev.path(), dev.blocks());
        Superblock sb = Superblock.forDevice(dev.blocks(), maxInodes);
        if (sb.dataStart() + 1 > dev.blocks()) {
            throw new IOException(dev.path() + ": too small for a filesystem (" + dev.blocks() + " blocks)");
        }
        fillWithGarbage(dev, sb.dataStart());
        ByteBuffer b = AlignedBuffers.allocate(BlockDevice.BLOCK_SIZE);
        sb.encode(b);
        Filesystem fs = new Filesystem(dev, sb, true);
        dev.write(0, b); // last: until the superblock is there, the device is not a filesystem
        dev.force();
        return fs;
    }

    /**
     * mkfs does not zero data blocks: they hold stale content, the spec's {@code Garbage}. Writing every block also
     * keeps later measurements free of first-write allocation in the host filesystem.
     */
    private static void fillWithGarbage(BlockDevice dev, long from) throws IOException {
        ByteBuffer chunk = AlignedBuffers.allocate(FORMAT_CHUNK_BLOCKS * BlockDevice.BLOCK_SIZE);
        for (long b = from; b < dev.blocks(); b += FORMAT_CHUNK_BLOCKS) {
            int n = (int) Math.min(FORMAT_CHUNK_BLOCKS, dev.blocks() - b);
            chunk.clear();
            long x = b * 0x9E3779B97F4A7C15L | 1;
            for (int i = 0; i < n * BlockDevice.BLOCK_SIZE / 8; i++) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
                chunk.putLong(x);
            }
            chunk.flip();
            dev.write(b, chunk);
        }
    }

    /** Opens an image or block device with O_DIRECT; an invalid image gives {@link InvalidImageException}. */
    public static Filesystem open(Path image) throws IOException {
        return open(image, DeviceAccess.DIRECT);
    }

    public static Filesystem open(Path image, DeviceAccess access) throws IOException {
        return mount(BlockDevice.open(image, access));
    }

    /**
     * Mounts the filesystem on {@code dev}: loads the home metadata and recovers (replays the journal's committed
     * transactions, discards an uncommitted one). On an invalid image the device is closed and nothing was written.
     */
    public static Filesystem mount(BlockDevice dev) throws IOException {
        try {
            Superblock sb = Superblock.decode(ByteBuffer.wrap(dev.readBlock(0)), dev.path().toString(), dev.blocks());
            return new Filesystem(dev, sb, false);
        } catch (IOException | RuntimeException e) {
            dev.close();
            throw e;
        }
    }

    // ---- parts ------------------------------------------------------------------------------------------------

    /** File names and the inode table. */
    public Namespace names() {
        return names;
    }

    /** Metadata transactions: the one way metadata changes, and the metadata lock. */
    public Transactions transactions() {
        return transactions;
    }

    /** Extent maps and free space. */
    public Space space() {
        return space;
    }

    public Superblock superblock() {
        return superblock;
    }

    public BlockDevice device() {
        return device;
    }

    public PageCache cache() {
        return cache;
    }

    public PageTables ptes() {
        return ptes;
    }

    public DataPath dataPath() {
        return dataPath;
    }

    public BufferedIo buffered() {
        return buffered;
    }

    public DirectIo direct() {
        return direct;
    }

    public MmapIo mmap() {
        return mmap;
    }

    public Writeback writeback() {
        return writeback;
    }

    // ---- observation ----------------------------------------------------------------------------------------

    public void registerDefrag(String id, StepReporter reporter) {
        if (defrags.putIfAbsent(id, reporter) != null) {
            throw new IllegalArgumentException("a defrag named " + id + " is already running");
        }
    }

    public void unregisterDefrag(String id) {
        defrags.remove(id);
    }

    public Map<String, StepReporter> defrags() {
        return defrags;
    }

    public StepHook hook() {
        return hook;
    }

    public void setHook(StepHook hook) {
        this.hook = hook == null ? StepHook.NONE : hook;
    }

    // ---- durability and unmount -----------------------------------------------------------------------------

    /**
     * fsync(2) of one file: writes back its dirty pages, makes every data write durable, then commits pending metadata
     * through the journal. Other files' pages are left to writeback.
     */
    public void fsync(Inode inode) throws IOException {
        writeback.flushRange(inode, 0, Long.MAX_VALUE / 2);
        device.force();
        transactions.forceCommit();
    }

    /**
     * sync(2): writes back every dirty page, makes every data write durable, then commits pending metadata through
     * the journal. Like jbd2 it does not checkpoint: committed transactions may live only in the journal.
     */
    public void sync() throws IOException {
        writeback.writebackAll("sync");
        device.force();
        transactions.forceCommit();
    }

    /** Stops background writeback, waits for direct I/O, syncs, checkpoints the journal, and closes the device. */
    @Override
    public void close() throws IOException {
        try {
            writeback.stopDaemon();
            direct.completeAll();
            sync();
            transactions.checkpoint();
        } finally {
            device.close();
        }
    }
}
