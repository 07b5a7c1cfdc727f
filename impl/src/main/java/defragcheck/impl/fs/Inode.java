package defragcheck.impl.fs;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import defragcheck.impl.lock.InodeLock;

/**
 * An inode: its durable attributes and extent map (changed only by metadata transactions) and its volatile
 * per-inode state: i_rwsem, invalidate_lock and the count of direct I/O in flight (i_dio_count).
 * Everything mutable is guarded by the filesystem's state monitor.
 */
public final class Inode {
    private final Filesystem fs;
    private final int ino;
    private final String name;
    private final InodeType type;
    private final Set<InodeFlag> flags;
    final ExtentMap extents;
    long sizeBlocks;

    /** i_rwsem: excludes buffered writes and DIO submission while a defrag holds it. */
    public final InodeLock rwsem = new InodeLock();
    /** invalidate_lock: excludes page faults (and cache refill) while a defrag holds it. */
    public final InodeLock invalidateLock = new InodeLock();
    int dioInFlight;

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

    /** The live extent map; read it only inside the state monitor, or use {@link Filesystem#extents}. */
    public ExtentMap extentMap() {
        return extents;
    }

    /** i_dio_count: direct I/O submitted and not yet completed. */
    public int dioInFlight() {
        return dioInFlight;
    }

    public void dioBegin() {
        dioInFlight++;
    }

    public void dioEnd() {
        if (--dioInFlight < 0) {
            throw new IllegalStateException("dio count below zero on inode " + ino);
        }
    }

    @Override
    public String toString() {
        return name + "#" + ino;
    }
}
