package defragcheck.impl.fs;

import java.io.IOException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Metadata transactions (jbd2's running transaction and its handles). One verb changes metadata: {@link #commit} runs
 * a step under the metadata lock, where it reads what it decides on with every extent map and the allocator still,
 * applies its decision through its {@link Handle}, and, with {@link Durability#NOW}, returns once that is durable.
 * {@link #read} is the same lock for a step that only looks. The journal's I/O is never done under the lock: what a
 * commit closed is written after the lock is released, by group commit ({@link CommitQueue}).
 */
public final class Transactions {
    private final MetadataStore store;
    /**
     * The running jbd2 transaction (jbd2's j_state_lock plus the handle): the allocator, the inode table's changes,
     * the running transaction's operations, and closing it (its sequence number, its place in the journal, its turn in
     * the commit queue). Held by a step from reading what it decides on to closing its transaction; never held across
     * device I/O, data or journal: {@link #locked} waits for the journal after releasing it. Holding it keeps every
     * extent map still (only {@code MetadataStore.apply} changes one, under it). Taken after i_rwsem, invalidate_lock,
     * page and page-table locks; before i_data_sem and the commit queue's lock. Reentrant.
     */
    private final ReentrantLock metadataLock = new ReentrantLock();

    Transactions(MetadataStore store) {
        this.store = store;
    }

    /** A step that changes metadata: decides under the metadata lock and applies its decision through {@code handle}. */
    @FunctionalInterface
    public interface Step<T> {
        T run(Handle handle) throws IOException;
    }

    /** Applies a step's transactions; valid only while the step runs. */
    @FunctionalInterface
    public interface Handle {
        /**
         * Applies {@code txn} in memory at once (readers see all of it or none): the commit point. With
         * {@link Durability#NOW} it also closes the running transaction, and with it whatever was applied before
         * {@link Durability#WITH_NEXT_COMMIT}; every data write completed before is durable before its commit record.
         */
        void apply(MetadataTransaction txn);
    }

    /** A step that only reads metadata. */
    @FunctionalInterface
    public interface Reading<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code step} under the metadata lock; with {@link Durability#NOW}, once the lock is released, waits until
     * every transaction it closed is durable, writing the journal itself if no other thread is (group commit). A
     * step that applies nothing closes nothing and waits for nothing. Caller contract: the caller may hold inode,
     * page and page-table locks (taken before this one), never i_data_sem. A commit nested in another commit or a
     * {@link #read} joins it: what it closed is durable when the outermost call returns.
     */
    public <T> T commit(Durability durability, Step<T> step) throws IOException {
        return locked(() -> step.run(txn -> {
            assert metadataLock.isHeldByCurrentThread() : "a handle used after its commit returned";
            store.apply(txn);
            if (durability == Durability.NOW) {
                store.close();
            }
        }));
    }

    /** Runs {@code reading} under the metadata lock, with every extent map and the allocator still. Caller contract: as {@link #commit}. */
    public <T> T read(Reading<T> reading) throws IOException {
        return locked(reading);
    }

    /** Whether this thread holds the metadata lock (for asserts and the tests that no I/O is done under it). */
    public boolean holdsLock() {
        return metadataLock.isHeldByCurrentThread();
    }

    /**
     * fsync's and sync's: closes the running transaction, if any, and waits until it and every transaction closed
     * before it (by any thread) are durable. Caller contract: no metadata lock held.
     */
    void forceCommit() throws IOException {
        awaitDurable(locked(store::close));
    }

    /** Unmount's: writes the committed metadata to its home slot, which empties the journal. Caller contract: as {@link #forceCommit}, after it. */
    void checkpoint() throws IOException {
        awaitDurable(locked(store::checkpoint));
    }

    private <T> T locked(Reading<T> work) throws IOException {
        if (metadataLock.isHeldByCurrentThread()) {
            return work.run(); // nested: the outermost call waits for what this one closes
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
        awaitDurable(closed);
        return result;
    }

    private void awaitDurable(long ticket) throws IOException {
        assert !metadataLock.isHeldByCurrentThread() : "waiting for the journal under the metadata lock";
        store.awaitDurable(ticket);
    }
}
