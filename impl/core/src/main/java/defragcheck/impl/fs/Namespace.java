package defragcheck.impl.fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import defragcheck.impl.cache.PageCache;
import defragcheck.impl.cache.PageTables;

/**
 * The namespace: file names and the inode table (one directory, the spec's set of files). A lookup takes no lock
 * (the table is concurrent); creating and deleting a file are transactions, durable when they return, and a name is
 * checked free and taken in one of them.
 */
public final class Namespace {
    /** The inode table (read without a lock) and the allocator (under the metadata lock, in a transaction's step). */
    private final MetadataStore store;
    private final Transactions transactions;
    /** A deleted file's pages and ptes are dropped through these, which take their own page and page-table locks. */
    private final PageCache cache;
    private final PageTables ptes;

    Namespace(MetadataStore store, Transactions transactions, PageCache cache, PageTables ptes) {
        this.store = store;
        this.transactions = transactions;
        this.cache = cache;
        this.ptes = ptes;
    }

    /** Creates an empty regular file. Caller contract: as {@link Transactions#commit}. */
    public Inode create(String name, InodeFlag... flags) throws IOException {
        return createInode(name, InodeType.REGULAR, flags);
    }

    /**
     * Creates a regular file of {@code blocks} unwritten blocks in one contiguous run, in one transaction (a donor
     * for e4defrag); without such a run, {@link NoSpaceException} and nothing changed. Caller contract: as
     * {@link Transactions#commit}.
     */
    public Inode createContiguous(String name, long blocks, InodeFlag... flags) throws IOException {
        checkName(name);
        Set<InodeFlag> f = flagSet(flags);
        return transactions.commit(Durability.NOW, handle -> {
            requireAbsent(name);
            int ino = store.freeInodeNumber();
            long start = store.allocator().findContiguous(blocks);
            if (ino < 0 || start < 0) {
                throw new NoSpaceException(ino < 0 ? "inode table full" : blocks + " contiguous blocks for " + name
                        + " (largest free run " + store.allocator().largestFreeRun() + ")");
            }
            handle.apply(new MetadataTransaction()
                    .add(new MetadataTransaction.CreateInode(ino, name, InodeType.REGULAR, f))
                    .add(new MetadataTransaction.Allocate(start, blocks))
                    .add(new MetadataTransaction.MapRange(ino, 0, blocks, List.of(new Extent(0, start, blocks, true))))
                    .add(new MetadataTransaction.SetSize(ino, blocks)));
            return store.inode(ino);
        });
    }

    /** Creates an empty directory. Caller contract: as {@link Transactions#commit}. */
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
        return transactions.commit(Durability.NOW, handle -> {
            requireAbsent(name);
            int ino = store.freeInodeNumber();
            if (ino < 0) {
                throw new NoSpaceException("inode table full (" + store.superblock().maxInodes() + " inodes)");
            }
            handle.apply(new MetadataTransaction().add(new MetadataTransaction.CreateInode(ino, name, type, f)));
            return store.inode(ino);
        });
    }

    /** The file named {@code name}, or null. Caller contract: none. */
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

    /** The inode numbered {@code ino}, or null if it was deleted. Caller contract: none. */
    public Inode inodeIfPresent(int ino) {
        return store.find(ino);
    }

    /** The inode numbered {@code ino}; IllegalArgumentException if there is none. Caller contract: none. */
    public Inode inode(int ino) throws IOException {
        return store.inode(ino);
    }

    /** A copy of the inode table, in inode-number order. Caller contract: none. */
    public List<Inode> inodes() throws IOException {
        return new ArrayList<>(store.inodes());
    }

    /**
     * Deletes a file: drops its pages and mappings, frees its blocks. Caller contract: the file has no direct I/O in
     * flight and no lock holder (else IllegalStateException), and nobody starts either until this returns.
     */
    public void delete(Inode inode) throws IOException {
        if (inode.dioInFlight() > 0 || !inode.rwsem.isFree() || !inode.invalidateLock.isFree()) {
            throw new IllegalStateException(inode + " is busy (direct I/O in flight or locked)");
        }
        long end = Math.max(inode.sizeBlocks, inode.extentsEnd());
        ptes.unmap(inode.ino(), 0, end);
        cache.drop(inode.ino(), 0, end);
        transactions.commit(Durability.NOW, handle -> {
            long mapped = Math.max(inode.sizeBlocks, inode.extents.end());
            MetadataTransaction txn = new MetadataTransaction();
            for (Extent e : inode.extents.extents()) {
                txn.add(new MetadataTransaction.Free(e.pblock(), e.length()));
            }
            txn.add(new MetadataTransaction.MapRange(inode.ino(), 0, mapped, List.of()));
            txn.add(new MetadataTransaction.DeleteInode(inode.ino()));
            handle.apply(txn);
            return null;
        });
    }
}
