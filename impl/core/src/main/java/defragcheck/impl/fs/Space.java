package defragcheck.impl.fs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import defragcheck.impl.cache.PageCache;
import defragcheck.impl.cache.PageTables;
import defragcheck.impl.device.BlockDevice;

/**
 * Files' extent maps and the free space: allocation (fallocate, a write's block), unwritten conversion, truncation,
 * and what is mapped and free. Every change is a {@link Transactions#commit} with {@link Durability#NOW}.
 */
public final class Space {
    private final BlockDevice device;
    /** The extent maps and the allocator: read and changed under the metadata lock, in a transaction's step. */
    private final MetadataStore store;
    private final Transactions transactions;
    /** Truncation drops pages and ptes through these, which take their own page and page-table locks. */
    private final PageCache cache;
    private final PageTables ptes;

    Space(BlockDevice device, MetadataStore store, Transactions transactions, PageCache cache, PageTables ptes) {
        this.device = device;
        this.store = store;
        this.transactions = transactions;
        this.cache = cache;
        this.ptes = ptes;
    }

    /**
     * fallocate: gives the holes of logical [from, from+count) unwritten blocks (reading as zeros), in as few
     * extents as the free space allows, and grows the size to cover the range. Caller contract: as
     * {@link Transactions#commit}.
     */
    public void fallocate(Inode inode, long from, long count) throws IOException {
        allocate(inode, from, count, false);
    }

    /** fallocate into one contiguous free run, or {@link NoSpaceException} with nothing changed. Caller contract: as {@link #fallocate}. */
    public void fallocateContiguous(Inode inode, long from, long count) throws IOException {
        allocate(inode, from, count, true);
    }

    private void allocate(Inode inode, long from, long count, boolean contiguous) throws IOException {
        requireRegular(inode);
        transactions.commit(Durability.NOW, handle -> {
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
            handle.apply(txn);
            return null;
        });
    }

    /** Adds to {@code txn} the allocation of {@code runs} and their mapping, in order, onto {@code holes}. */
    private static void fillHoles(MetadataTransaction txn, Inode inode, List<long[]> holes, List<long[]> runs, boolean unwritten) {
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
     * blocks. Like the kernel it waits for i_rwsem (a defrag holding it blocks truncation). Caller contract: holds
     * none of the inode's locks.
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
                transactions.commit(Durability.NOW, handle -> {
                    MetadataTransaction txn = new MetadataTransaction();
                    long mapped = Math.max(inode.sizeBlocks, inode.extents.end());
                    if (sizeBlocks < mapped) {
                        for (Extent e : inode.extents.pieces(sizeBlocks, mapped - sizeBlocks)) {
                            txn.add(new MetadataTransaction.Free(e.pblock(), e.length()));
                        }
                        txn.add(new MetadataTransaction.MapRange(inode.ino(), sizeBlocks, mapped - sizeBlocks, List.of()));
                    }
                    txn.add(new MetadataTransaction.SetSize(inode.ino(), sizeBlocks));
                    handle.apply(txn);
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
    private static List<long[]> holes(Inode inode, long from, long count) {
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
     * Caller contract: holds the inode's i_rwsem (either way) or invalidate_lock shared, and may hold page and
     * page-table locks (as {@link Transactions#commit}).
     */
    public long allocateForWrite(Inode inode, long lblock, boolean unwritten) throws IOException {
        assert inode.rwsem.isLocked() || inode.invalidateLock.isLocked() : inode + ": allocation without i_rwsem or invalidate_lock";
        long had = inode.physical(lblock);
        if (had >= 0) {
            return had;
        }
        return transactions.commit(Durability.NOW, handle -> {
            long again = inode.extents.physical(lblock);
            return again >= 0 ? again : allocateBlock(handle, inode, lblock, unwritten);
        });
    }

    private long allocateBlock(Transactions.Handle handle, Inode inode, long lblock, boolean unwritten) throws NoSpaceException {
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
        handle.apply(txn);
        return blk;
    }

    /** Converts the unwritten block at {@code lblock} to written: data is now there. Caller contract: as {@link #markWrittenIfAt}. */
    public void markWritten(Inode inode, long lblock) throws IOException {
        markWrittenIfAt(inode, lblock, -1);
    }

    /**
     * As {@link #markWritten}, only if {@code lblock} still maps {@code pblk} ({@code -1}: whatever it maps), checked
     * and converted in one transaction (a direct write's completion after a swap must not convert the new block).
     * Caller contract: the block's data is written (to the device, the DAX window or its cached page); the caller may
     * hold page and page-table locks (as {@link Transactions#commit}).
     */
    public void markWrittenIfAt(Inode inode, long lblock, long pblk) throws IOException {
        Extent seen = inode.find(lblock);
        if (seen == null || !seen.unwritten()) {
            return; // only a conversion changes it back, never to unwritten under a writer's lock
        }
        transactions.commit(Durability.NOW, handle -> {
            Extent e = inode.extents.find(lblock);
            if (e != null && e.unwritten() && (pblk < 0 || e.physical(lblock) == pblk)) {
                long p = e.physical(lblock);
                handle.apply(new MetadataTransaction().add(new MetadataTransaction.MapRange(inode.ino(), lblock, 1, List.of(new Extent(lblock, p, 1, false)))));
            }
            return null;
        });
    }

    /** A snapshot of the file's extents (the spec's emap with the unwritten flags), e.g. for filefrag-like reports. Caller contract: none. */
    public List<Extent> extents(Inode inode) throws IOException {
        return inode.extentsSnapshot();
    }

    /** Free data blocks. Caller contract: as {@link Transactions#read}. */
    public long freeBlocks() throws IOException {
        return transactions.read(() -> store.allocator().freeBlocks());
    }

    /** The longest run of free data blocks. Caller contract: as {@link Transactions#read}. */
    public long largestFreeRun() throws IOException {
        return transactions.read(() -> store.allocator().largestFreeRun());
    }

    /** The block allocator. Caller contract: read or change it only inside {@link Transactions#read} or a commit's step. */
    public BlockAllocator allocator() {
        return store.allocator();
    }

    private static void requireRegular(Inode inode) {
        if (inode.type() != InodeType.REGULAR) {
            throw new IllegalArgumentException(inode + " is not a regular file");
        }
    }
}
