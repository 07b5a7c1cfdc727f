package defragcheck.impl.fs;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import defragcheck.impl.lock.DioCounter;
import defragcheck.impl.lock.RwSemaphore;

/**
 * An inode: its durable attributes and extent map (changed only by metadata transactions) and its volatile
 * per-inode locking state.
 *
 * <p>Locking, as in ext4 (each lock's scope is at its field). There is no filesystem-wide lock on the data path:
 * an actor holds at most the locks of the one or two inodes its step touches. The order is
 * <ol>
 * <li>{@link #rwsem} of both inodes, lower inode number first ({@code LockOrder});</li>
 * <li>{@link #invalidateLock} of both inodes, lower inode number first;</li>
 * <li>page locks ({@code Page}), in (inode, logical block) order;</li>
 * <li>the page-table lock of an inode ({@code PageTables});</li>
 * <li>the metadata lock ({@code Transactions#metadataLock}, the running jbd2 transaction);</li>
 * <li>{@link #dataSem} of both inodes, lower inode number first; or, not nested with it, the commit queue's lock
 * ({@code CommitQueue}, jbd2's j_state_lock).</li>
 * </ol>
 * A lock may be taken only while holding locks earlier in this list. Device I/O of data is done under per-inode
 * and per-page locks only, and no device I/O at all under the metadata lock or a later one: the journal is written
 * by a thread waiting for its transaction to be durable, which may hold inode and page locks but not the metadata
 * lock. {@link #dio} is a counter to wait on, not a lock.
 */
public final class Inode {
    private final Filesystem fs;
    private final int ino;
    private final String name;
    private final InodeType type;
    private final Set<InodeFlag> flags;
    /** Guarded by {@link #dataSem}; changed only by {@code MetadataStore.apply}. */
    final ExtentMap extents;
    /** Written under {@link #dataSem} (write) by {@code MetadataStore.apply}; volatile so a size read needs no lock. */
    volatile long sizeBlocks;

    /**
     * i_rwsem. Exclusive: a buffered (or DAX) write for its one step, truncate, a defrag from LockInodes to Unlock.
     * Shared: a direct-I/O submission. Taken first, both inodes in inode-number order.
     */
    public final RwSemaphore rwsem = new RwSemaphore();
    /**
     * invalidate_lock (mapping->invalidate_lock). Exclusive: a defrag from LockInvalidate to Unlock. Shared: a page
     * fault and a read's cache fill (filemap_create_folio). Taken after {@link #rwsem}.
     */
    public final RwSemaphore invalidateLock = new RwSemaphore();
    /** i_dio_count: raised at submission under {@link #rwsem} shared, dropped at completion; inode_dio_wait waits on it. */
    public final DioCounter dio = new DioCounter();
    /**
     * i_data_sem: the extent map and the size. Read to look a block up; write only inside a metadata transaction's
     * application. The innermost lock: nothing else is taken under it and no I/O is done under it.
     */
    public final ReentrantReadWriteLock dataSem = new ReentrantReadWriteLock();

    Inode(Filesystem fs, int ino, String name, InodeType type, Set<InodeFlag> flags, ExtentMap extents, long sizeBlocks) {
        this.fs = fs;
        this.ino = ino;
        this.name = name;
        this.type = type;
        this.flags = flags.isEmpty() ? EnumSet.noneOf(InodeFlag.class) : EnumSet.copyOf(flags);
        this.extents = extents;
        this.sizeBlocks = sizeBlocks;
    }

    public Filesystem fs() {
        return fs;
    }

    public int ino() {
        return ino;
    }

    public String name() {
        return name;
    }

    public InodeType type() {
        return type;
    }

    public Set<InodeFlag> flags() {
        return Collections.unmodifiableSet(flags);
    }

    public boolean isDax() {
        return flags.contains(InodeFlag.DAX);
    }

    /** Logical size in blocks (i_size / block size). */
    public long sizeBlocks() {
        return sizeBlocks;
    }

    /**
     * The live extent map: the caller holds {@link #dataSem}, or the filesystem is quiescent (observation between
     * steps); otherwise use {@link #find}, {@link #physical}, {@link #pieces} or {@link #extentsSnapshot}.
     */
    public ExtentMap extentMap() {
        return extents;
    }

    /** The extent mapping {@code lblock}, or null: a lookup under {@link #dataSem} shared. */
    public Extent find(long lblock) {
        dataSem.readLock().lock();
        try {
            return extents.find(lblock);
        } finally {
            dataSem.readLock().unlock();
        }
    }

    /** The physical block of {@code lblock}, or -1 for a hole, under {@link #dataSem} shared. */
    public long physical(long lblock) {
        dataSem.readLock().lock();
        try {
            return extents.physical(lblock);
        } finally {
            dataSem.readLock().unlock();
        }
    }

    /** The extents of logical [from, from+count), cut to the range, under {@link #dataSem} shared. */
    public List<Extent> pieces(long from, long count) {
        dataSem.readLock().lock();
        try {
            return extents.pieces(from, count);
        } finally {
            dataSem.readLock().unlock();
        }
    }

    /** One past the last mapped logical block, under {@link #dataSem} shared. */
    public long extentsEnd() {
        dataSem.readLock().lock();
        try {
            return extents.end();
        } finally {
            dataSem.readLock().unlock();
        }
    }

    /** A copy of the extent list, under {@link #dataSem} shared. */
    public List<Extent> extentsSnapshot() {
        dataSem.readLock().lock();
        try {
            return List.copyOf(extents.extents());
        } finally {
            dataSem.readLock().unlock();
        }
    }

    /** i_dio_count: direct I/O submitted and not yet completed. */
    public int dioInFlight() {
        return dio.inFlight();
    }

    @Override
    public String toString() {
        return name + "#" + ino;
    }
}
