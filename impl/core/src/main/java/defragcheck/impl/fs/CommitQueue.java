package defragcheck.impl.fs;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit, jbd2's without kjournald2's thread: what a metadata step closes (a transaction's journal records, a
 * checkpoint) is queued here under the metadata lock with the next ticket, and written later, in ticket order, by
 * whoever waits for it. A thread waiting for a ticket that is not durable yet becomes the committer if there is none
 * and writes queued items one at a time until its own is done; the others wait on {@link #progress}. So the device
 * I/O runs with no filesystem-wide lock held, and a writer that only changes metadata never waits for it.
 *
 * <p>Like jbd2's j_state_lock, {@link #lock} is innermost (taken under the metadata lock to queue, under nothing to
 * wait) and never held across I/O. A failed write aborts the queue (jbd2_journal_abort): that wait and every later
 * one throw, since later items must not be written after an earlier one that is not durable.
 */
final class CommitQueue<T> {
    /** Writes one item durably; called with no lock of this queue or the filesystem held. */
    @FunctionalInterface
    interface Writer<T> {
        void write(T item) throws IOException;
    }

    private final Writer<T> writer;
    /** Guards every field below. */
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when an item is done, the committer role is free, or the queue aborted. */
    private final Condition progress = lock.newCondition();
    /** Items queued and not yet taken by a committer, in ticket order. */
    private final ArrayDeque<T> queue = new ArrayDeque<>();
    /** Ticket of the last item queued (0: none yet). */
    private long queued;
    /** Ticket of the last item written: every item up to it is durable. */
    private long durable;
    /** Whether a thread is writing an item (the committer role); at most one is. */
    private boolean committing;
    /** Why the queue aborted, or null. */
    private IOException failure;

    CommitQueue(Writer<T> writer) {
        this.writer = writer;
    }

    /** Queues {@code item} after every item queued before; returns its ticket. */
    long add(T item) {
        lock.lock();
        try {
            queue.add(item);
            return ++queued;
        } finally {
            lock.unlock();
        }
    }

    /** Ticket of the last item queued: waiting for it waits for everything queued so far. */
    long lastQueued() {
        lock.lock();
        try {
            return queued;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns once item {@code ticket} and every item before it are durable, writing them itself if no other thread
     * is (the caller must hold no lock that a metadata step takes: the metadata lock in particular). Uninterruptible,
     * as jbd2_log_wait_commit: a caller such as a defrag must not go on before its commit record is durable.
     */
    void await(long ticket) throws IOException {
        lock.lock();
        try {
            while (durable < ticket) {
                if (failure != null) {
                    throw new IOException("journal aborted: " + failure.getMessage(), failure);
                }
                if (committing) {
                    progress.awaitUninterruptibly();
                    continue;
                }
                committing = true;
                T item = queue.remove();
                lock.unlock();
                Throwable failed = null;
                try {
                    writer.write(item);
                } catch (IOException | RuntimeException | Error e) {
                    failed = e;
                    throw e;
                } finally {
                    lock.lock();
                    committing = false;
                    if (failed == null) {
                        durable++;
                    } else {
                        failure = failed instanceof IOException io ? io : new IOException(failed);
                    }
                    progress.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
