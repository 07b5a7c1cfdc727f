package defragcheck.impl.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import defragcheck.impl.cache.PageCache;
import defragcheck.impl.cache.PageKey;
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
 * A mounted filesystem (the super_block): device, metadata, page cache, user mappings, in-flight direct I/O.
 * Locking is per inode and per page (see {@link Inode} for the order); the one filesystem-wide lock is
 * {@link #metadataLock}, taken only by steps that change metadata, and never held across device I/O: the journal's
 * writes are done afterwards by whoever waits for them ({@link CommitQueue}). The I/O paths are {@link #buffered()}, {@link #direct()},
 * {@link #mmap()} and {@link #writeback()}; defrag lives in {@code defragcheck.impl.defrag}.
 */
public final class Filesystem implements AutoCloseable {
    /** The inode table's size unless the formatter is told otherwise (mkfs -N). */
    public static final int MAX_INODES = 1024;
    private static final int FORMAT_CHUNK_BLOCKS = 256;

    private final BlockDevice device;
    private final MetadataStore store;
    /**
     * The running jbd2 transaction (jbd2's j_state_lock plus the handle): the allocator, the inode table's changes,
     * the running transaction's operations, and closing it (its sequence number, its place in the journal, its turn in
     * the commit queue). Held by a step that changes metadata from reading what it decides on to closing its
     * transaction; never held across device I/O, data or journal: {@link #metadata} waits for the journal after
     * releasing it. Holding it keeps every extent map still (only {@code MetadataStore.apply} changes one, under it).
     * Taken after i_rwsem, invalidate_lock, page and page-table locks; before i_data_sem and the commit queue's lock.
     * Reentrant.
     */
    private final ReentrantLock metadataLock = new ReentrantLock();
    private final PageCache cache = new PageCache();
    private final PageTables ptes = new PageTables();
    private final Map<String, StepReporter> defrags = new ConcurrentHashMap<>();
    private final DataPath dataPath;
    private final BufferedIo buffered;
    private final DirectIo direct;
    private final MmapIo mmap;
    private final Writeback writeback;
    private volatile StepHook hook = StepHook.NONE;

    /** What a running defrag reports of itself for {@link #abstractState()}. */
    public interface StepReporter {
        String step();
    }

    private Filesystem(BlockDevice device, Superblock sb, boolean fresh) throws IOException {
        this.device = device;
        this.store = fresh ? MetadataStore.format(device, sb, this) : MetadataStore.load(device, sb, this);
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

    // ---- namespace and allocation -------------------------------------------------------------------------

    /** Creates an empty regular file. */
    public Inode create(String name, InodeFlag... flags) throws IOException {
        return createInode(name, InodeType.REGULAR, flags);
    }

    /**
     * Creates a regular file of {@code blocks} unwritten blocks in one contiguous run, in one transaction (a donor
     * for e4defrag); without such a run, {@link NoSpaceException} and nothing changed.
     */
    public Inode createContiguous(String name, long blocks, InodeFlag... flags) throws IOException {
        checkName(name);
        Set<InodeFlag> f = flagSet(flags);
        return metadata(() -> {
            requireAbsent(name);
            int ino = store.freeInodeNumber();
            long start = store.allocator().findContiguous(blocks);
            if (ino < 0 || start < 0) {
                throw new NoSpaceException(ino < 0 ? "inode table full" : blocks + " contiguous blocks for " + name
                        + " (largest free run " + store.allocator().largestFreeRun() + ")");
            }
            commit(new MetadataTransaction()
                    .add(new MetadataTransaction.CreateInode(ino, name, InodeType.REGULAR, f))
                    .add(new MetadataTransaction.Allocate(start, blocks))
                    .add(new MetadataTransaction.MapRange(ino, 0, blocks, List.of(new Extent(0, start, blocks, true))))
                    .add(new MetadataTransaction.SetSize(ino, blocks)));
            return store.inode(ino);
        });
    }

    public Inode mkdir(String name) throws IOException {
        return createInode(name, InodeType.DIRECTORY);
    }

    private static Set<InodeFlag> flagSet(InodeFlag... flags) {
        return flags.length == 0 ? EnumSet.noneOf(InodeFlag.class) : EnumSet.of(flags[0], flags);
    }

    private void requireAbsent(String name) {
        if (find(name) != null) {
            throw new IllegalArgumentException("file exists: " + name);
        }
    }

    private static void checkName(String name) {
        if (name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > Superblock.MAX_NAME) {
            throw new IllegalArgumentException("file name must have 1.." + Superblock.MAX_NAME + " bytes: '" + name + "'");
        }
    }

    private Inode createInode(String name, InodeType type, InodeFlag... flags) throws IOException {
        checkName(name);
        Set<InodeFlag> f = flagSet(flags);
        return metadata(() -> {
            requireAbsent(name);
            int ino = store.freeInodeNumber();
            if (ino < 0) {
                throw new NoSpaceException("inode table full (" + store.superblock().maxInodes() + " inodes)");
            }
            commit(new MetadataTransaction().add(new MetadataTransaction.CreateInode(ino, name, type, f)));
            return store.inode(ino);
        });
    }

    public Inode lookup(String name) throws IOException {
        return find(name);
    }

    private Inode find(String name) {
        for (Inode i : store.inodes()) {
            if (i.name().equals(name)) {
                return i;
            }
        }
        return null;
    }

    /** The inode numbered {@code ino}, or null if it was deleted. */
    public Inode inodeIfPresent(int ino) {
        return store.find(ino);
    }

    public Inode inode(int ino) throws IOException {
        return store.inode(ino);
    }

    public List<Inode> inodes() throws IOException {
        return new ArrayList<>(store.inodes());
    }

    /**
     * fallocate: gives the holes of logical [from, from+count) unwritten blocks (reading as zeros), in as few
     * extents as the free space allows, and grows the size to cover the range.
     */
    public void fallocate(Inode inode, long from, long count) throws IOException {
        allocate(inode, from, count, false);
    }

    /** fallocate into one contiguous free run, or {@link NoSpaceException} with nothing changed. */
    public void fallocateContiguous(Inode inode, long from, long count) throws IOException {
        allocate(inode, from, count, true);
    }

    private void allocate(Inode inode, long from, long count, boolean contiguous) throws IOException {
        requireRegular(inode);
        metadata(() -> {
            List<long[]> holes = holes(inode, from, count);
            long need = 0;
            for (long[] h : holes) {
                need += h[1];
            }
            MetadataTransaction txn = new MetadataTransaction();
            if (need > 0) {
                List<long[]> runs;
                if (contiguous) {
                    long start = store.allocator().findContiguous(need);
                    runs = start < 0 ? null : List.<long[]>of(new long[] {start, need});
                } else {
                    runs = store.allocator().findRuns(need);
                }
                if (runs == null) {
                    throw new NoSpaceException(need + " blocks for " + inode + (contiguous ? " in one run" : "")
                            + " (free " + store.allocator().freeBlocks() + ", largest run " + store.allocator().largestFreeRun() + ")");
                }
                fillHoles(txn, inode, holes, runs, true);
            }
            if (from + count > inode.sizeBlocks) {
                txn.add(new MetadataTransaction.SetSize(inode.ino(), from + count));
            }
            commit(txn);
            return null;
        });
    }

    /** Adds to {@code txn} the allocation of {@code runs} and their mapping, in order, onto {@code holes}. */
    static void fillHoles(MetadataTransaction txn, Inode inode, List<long[]> holes, List<long[]> runs, boolean unwritten) {
        int r = 0;
        long usedInRun = 0;
        for (long[] run : runs) {
            txn.add(new MetadataTransaction.Allocate(run[0], run[1]));
        }
        for (long[] h : holes) {
            long l = h[0];
            long left = h[1];
            List<Extent> pieces = new ArrayList<>();
            while (left > 0) {
                long[] run = runs.get(r);
                long take = Math.min(left, run[1] - usedInRun);
                pieces.add(new Extent(l, run[0] + usedInRun, take, unwritten));
                l += take;
                left -= take;
                usedInRun += take;
                if (usedInRun == run[1]) {
                    r++;
                    usedInRun = 0;
                }
            }
            txn.add(new MetadataTransaction.MapRange(inode.ino(), h[0], h[1], pieces));
        }
    }

    /**
     * ftruncate: growing leaves a hole; shrinking drops the pages and mappings beyond the new end and frees the
     * blocks. Like the kernel it waits for i_rwsem (a defrag holding it blocks truncation).
     */
    public void truncate(Inode inode, long sizeBlocks) throws IOException {
        requireRegular(inode);
        String actor = "truncate-" + Thread.currentThread().getId();
        inode.rwsem.downWrite(actor);
        try {
            inode.invalidateLock.downWrite(actor);
            try {
                inode.dio.await();
                long end = Math.max(inode.sizeBlocks, inode.extentsEnd());
                if (sizeBlocks < end) {
                    ptes.unmap(inode.ino(), sizeBlocks, end - sizeBlocks);
                    cache.drop(inode.ino(), sizeBlocks, end - sizeBlocks);
                }
                metadata(() -> {
                    MetadataTransaction txn = new MetadataTransaction();
                    long mapped = Math.max(inode.sizeBlocks, inode.extents.end());
                    if (sizeBlocks < mapped) {
                        for (Extent e : inode.extents.pieces(sizeBlocks, mapped - sizeBlocks)) {
                            txn.add(new MetadataTransaction.Free(e.pblock(), e.length()));
                        }
                        txn.add(new MetadataTransaction.MapRange(inode.ino(), sizeBlocks, mapped - sizeBlocks, List.of()));
                    }
                    txn.add(new MetadataTransaction.SetSize(inode.ino(), sizeBlocks));
                    commit(txn);
                    return null;
                });
            } finally {
                inode.invalidateLock.upWrite(actor);
            }
        } finally {
            inode.rwsem.upWrite(actor);
        }
    }

    /** Holes (start, length) of logical [from, from+count). */
    static List<long[]> holes(Inode inode, long from, long count) {
        List<long[]> out = new ArrayList<>();
        long at = from;
        for (Extent e : inode.extents.pieces(from, count)) {
            if (e.lblock() > at) {
                out.add(new long[] {at, e.lblock() - at});
            }
            at = e.lend();
        }
        if (at < from + count) {
            out.add(new long[] {at, from + count - at});
        }
        return out;
    }

    /**
     * The block mapped at {@code lblock}; a hole first gets one (written, or {@code unwritten}: reading as zeros until
     * the write's data is there and {@link #markWrittenIfAt} converts it), near the previous block for contiguity.
     * The caller holds the inode's i_rwsem (either way) or invalidate_lock shared.
     */
    public long allocateForWrite(Inode inode, long lblock, boolean unwritten) throws IOException {
        assert inode.rwsem.isLocked() || inode.invalidateLock.isLocked() : inode + ": allocation without i_rwsem or invalidate_lock";
        long had = inode.physical(lblock);
        if (had >= 0) {
            return had;
        }
        return metadata(() -> {
            long again = inode.extents.physical(lblock);
            return again >= 0 ? again : allocateBlock(inode, lblock, unwritten);
        });
    }

    private long allocateBlock(Inode inode, long lblock, boolean unwritten) throws IOException {
        long goal = inode.extents.physical(lblock - 1) + 1;
        long blk = goal > 0 && goal < device.blocks() && !store.allocator().isUsed(goal) ? goal : store.allocator().findContiguous(1);
        if (blk < 0) {
            throw new NoSpaceException("1 block for a write to " + inode + " at " + lblock);
        }
        MetadataTransaction txn = new MetadataTransaction()
                .add(new MetadataTransaction.Allocate(blk, 1))
                .add(new MetadataTransaction.MapRange(inode.ino(), lblock, 1, List.of(new Extent(lblock, blk, 1, unwritten))));
        if (lblock + 1 > inode.sizeBlocks) {
            txn.add(new MetadataTransaction.SetSize(inode.ino(), lblock + 1));
        }
        commit(txn);
        return blk;
    }

    /** Converts the unwritten block at {@code lblock} to written: data is now there. */
    public void markWritten(Inode inode, long lblock) throws IOException {
        markWrittenIfAt(inode, lblock, -1);
    }

    /**
     * As {@link #markWritten}, only if {@code lblock} still maps {@code pblk} ({@code -1}: whatever it maps), checked
     * and converted in one metadata step (a direct write's completion after a swap must not convert the new block).
     */
    public void markWrittenIfAt(Inode inode, long lblock, long pblk) throws IOException {
        Extent seen = inode.find(lblock);
        if (seen == null || !seen.unwritten()) {
            return; // only a conversion changes it back, never to unwritten under a writer's lock
        }
        metadata(() -> {
            Extent e = inode.extents.find(lblock);
            if (e != null && e.unwritten() && (pblk < 0 || e.physical(lblock) == pblk)) {
                long p = e.physical(lblock);
                commit(new MetadataTransaction().add(new MetadataTransaction.MapRange(inode.ino(), lblock, 1, List.of(new Extent(lblock, p, 1, false)))));
            }
            return null;
        });
    }

    /** Deletes a file: drops its pages and mappings, frees its blocks. It must have no DIO in flight or lock holder. */
    public void delete(Inode inode) throws IOException {
        if (inode.dioInFlight() > 0 || !inode.rwsem.isFree() || !inode.invalidateLock.isFree()) {
            throw new IllegalStateException(inode + " is busy (direct I/O in flight or locked)");
        }
        long end = Math.max(inode.sizeBlocks, inode.extentsEnd());
        ptes.unmap(inode.ino(), 0, end);
        cache.drop(inode.ino(), 0, end);
        metadata(() -> {
            long mapped = Math.max(inode.sizeBlocks, inode.extents.end());
            MetadataTransaction txn = new MetadataTransaction();
            for (Extent e : inode.extents.extents()) {
                txn.add(new MetadataTransaction.Free(e.pblock(), e.length()));
            }
            txn.add(new MetadataTransaction.MapRange(inode.ino(), 0, mapped, List.of()));
            txn.add(new MetadataTransaction.DeleteInode(inode.ino()));
            commit(txn);
            return null;
        });
    }

    /** A snapshot of the file's extents (the spec's emap with the unwritten flags), e.g. for filefrag-like reports. */
    public List<Extent> extents(Inode inode) throws IOException {
        return inode.extentsSnapshot();
    }

    public long freeBlocks() throws IOException {
        return metadata(() -> store.allocator().freeBlocks());
    }

    public long largestFreeRun() throws IOException {
        return metadata(() -> store.allocator().largestFreeRun());
    }

    static void requireRegular(Inode inode) {
        if (inode.type() != InodeType.REGULAR) {
            throw new IllegalArgumentException(inode + " is not a regular file");
        }
    }

    // ---- metadata transactions ------------------------------------------------------------------------------

    /**
     * Applies a transaction and closes it: the commit point, durable (intent, barrier, commit record, flush) when the
     * outermost {@link #metadata} call around it returns; with it, whatever {@link #applyVolatile} applied before.
     * Every data write completed before is durable before its commit record. Caller contract: none (inside a
     * {@code metadata} call the transaction joins it).
     */
    public void commit(MetadataTransaction txn) throws IOException {
        metadata(() -> {
            store.apply(txn);
            store.close();
            return null;
        });
    }

    /** A step's work on metadata, under {@link #metadataLock}. */
    @FunctionalInterface
    public interface MetadataWork<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code work} under the metadata lock; once the lock is released, waits until every transaction it closed
     * ({@link #commit}) is durable, writing the journal itself if no other thread is (group commit). A nested call
     * joins the outer one, which waits. Caller contract: the caller may hold inode, page and page-table locks (taken
     * before this one), never i_data_sem; when the outermost call returns, what it committed is durable.
     */
    public <T> T metadata(MetadataWork<T> work) throws IOException {
        if (metadataLock.isHeldByCurrentThread()) {
            return work.run();
        }
        T result;
        long closed;
        metadataLock.lock();
        try {
            long before = store.lastQueued();
            result = work.run();
            closed = store.lastQueued() > before ? store.lastQueued() : 0; // nobody else queues while the lock is held
        } finally {
            metadataLock.unlock();
        }
        store.awaitDurable(closed);
        return result;
    }

    /** Whether this thread holds the filesystem-wide metadata lock (for asserts and the tests that no I/O is done under it). */
    public boolean holdsMetadataLock() {
        return metadataLock.isHeldByCurrentThread();
    }

    /** Applies a transaction in memory only; the next commit closes it (a running jbd2 transaction). */
    public void applyVolatile(MetadataTransaction txn) throws IOException {
        metadata(() -> {
            store.apply(txn);
            return null;
        });
    }

    /**
     * Closes the running transaction, if any, and waits until it and every transaction closed before it (by any
     * thread) are durable. Caller contract: no metadata lock held.
     */
    private void commitAll() throws IOException {
        store.awaitDurable(metadata(store::close));
    }

    public BlockAllocator allocator() {
        return store.allocator();
    }

    public Superblock superblock() {
        return store.superblock();
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

    // ---- parts ------------------------------------------------------------------------------------------------

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

    /**
     * fsync(2) of one file: writes back its dirty pages, makes every data write durable, then commits pending metadata
     * through the journal. Other files' pages are left to writeback.
     */
    public void fsync(Inode inode) throws IOException {
        writeback.flushRange(inode, 0, Long.MAX_VALUE / 2);
        device.force();
        commitAll();
    }

    /**
     * sync(2): writes back every dirty page, makes every data write durable, then commits pending metadata through
     * the journal. Like jbd2 it does not checkpoint: committed transactions may live only in the journal.
     */
    public void sync() throws IOException {
        writeback.writebackAll("sync");
        device.force();
        commitAll();
    }

    /** Stops background writeback, waits for direct I/O, syncs, checkpoints the journal, and closes the device. */
    @Override
    public void close() throws IOException {
        try {
            writeback.stopDaemon();
            direct.completeAll();
            sync();
            store.awaitDurable(metadata(store::checkpoint));
        } finally {
            device.close();
        }
    }
}
