package defragcheck.impl.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import defragcheck.impl.cache.Page;
import defragcheck.impl.cache.PageKey;
import defragcheck.impl.device.BlockDevice;
import defragcheck.impl.fs.Extent;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.observe.Action;
import defragcheck.impl.observe.StepHook;

/**
 * Asynchronous direct I/O (iomap_dio_rw). Submission, under i_rwsem shared, captures the physical block the
 * write will hit and raises i_dio_count; completion (bio end_io) writes that block, whatever the file maps by
 * then, and drops the count. {@link #inodeDioWait} is the drain.
 */
public final class DirectIo {
    /** A direct write in flight: the block it will hit was fixed at submission. */
    public record DioRecord(long id, String actor, Inode inode, long lblock, long blk, byte[] data) {}

    private record Pending(DioRecord rec, CompletableFuture<Void> done) {}

    private final Filesystem fs;
    /** Direct writes submitted and not completed, in submission order (concurrent: no lock guards it). */
    private final ConcurrentLinkedQueue<DioRecord> inFlight = new ConcurrentLinkedQueue<>();
    private final AtomicLong ids = new AtomicLong();
    private final LinkedBlockingQueue<Pending> endIo = new LinkedBlockingQueue<>();
    private Thread endIoThread;
    private volatile boolean stopping;

    public DirectIo(Filesystem fs) {
        this.fs = fs;
    }

    /**
     * DioSubmit, under i_rwsem shared (iomap_dio_rw): captures the block (a hole gets an unwritten one, converted at
     * completion) and raises i_dio_count before i_rwsem is released, so a defrag that then takes i_rwsem exclusive
     * and waits in inode_dio_wait waits for this write. A cached page of the block is dropped at completion (see
     * {@link #complete}), where the spec models the kernel's invalidation of the range.
     */
    public DioRecord submit(String actor, Inode inode, long lblock, byte[] data) throws IOException {
        BufferedIo.checkBlock(data);
        StepHook.Step step = new StepHook.Step(actor, Action.DioSubmit, inode.ino(), lblock);
        fs.hook().before(step);
        DioRecord rec;
        inode.rwsem.downRead();
        try {
            long blk = fs.space().allocateForWrite(inode, lblock, true);
            rec = new DioRecord(ids.incrementAndGet(), actor, inode, lblock, blk, data.clone());
            inode.dio.begin();
            inFlight.add(rec);
            fs.hook().linearized(new StepHook.Event(actor, Action.DioSubmit, inode.ino(), lblock, blk, data));
        } finally {
            inode.rwsem.upRead();
        }
        fs.hook().after(step);
        return rec;
    }

    /**
     * DioComplete (bio end_io), under no inode lock: the data reaches the block captured at submission; unwritten →
     * written if the file still maps it there; the cached page is unmapped and dropped. The page, if any, is locked
     * across the write (so writeback cannot put its older data over it), and the range is dropped again after it
     * (kiocb_invalidate_post_direct_write: a cache fill that read the block before the write is dropped too), so a
     * page can neither overwrite the direct write later nor hide it from readers; then i_dio_count falls.
     */
    public void complete(DioRecord rec) throws IOException {
        StepHook.Step step = new StepHook.Step(rec.actor(), Action.DioComplete, rec.inode().ino(), rec.lblock());
        fs.hook().before(step);
        if (!inFlight.contains(rec)) {
            throw new IllegalStateException("direct I/O " + rec.id() + " is not in flight");
        }
        Inode inode = rec.inode();
        PageKey key = new PageKey(inode.ino(), rec.lblock());
        Page page = fs.cache().lockPage(key);
        try {
            fs.ptes().unmap(inode.ino(), rec.lblock(), 1);
            fs.dataPath().write(inode, rec.blk(), rec.data());
            fs.space().markWrittenIfAt(inode, rec.lblock(), rec.blk());
            if (page != null) {
                fs.cache().remove(key, page);
            }
        } finally {
            if (page != null) {
                page.unlock();
            }
        }
        fs.cache().drop(inode.ino(), rec.lblock(), 1);
        fs.hook().linearized(new StepHook.Event(rec.actor(), Action.DioComplete, inode.ino(), rec.lblock(), rec.blk(), rec.data()));
        inFlight.remove(rec);
        inode.dio.end(); // after the event: a drain that sees no direct I/O is logged after every completion
        fs.hook().after(step);
    }

    /**
     * An asynchronous direct write (io_submit): submitted now, completed later by the end_io thread, independently of
     * the submitter, which may go on and even block (as on i_rwsem) while its writes are in flight.
     */
    public CompletableFuture<Void> writeAsync(String actor, Inode inode, long lblock, byte[] data) throws IOException {
        DioRecord rec = submit(actor, inode, lblock, data);
        CompletableFuture<Void> done = new CompletableFuture<>();
        startEndIo();
        endIo.add(new Pending(rec, done));
        return done;
    }

    private synchronized void startEndIo() {
        if (endIoThread != null) {
            return;
        }
        stopping = false;
        endIoThread = new Thread(() -> {
            while (true) {
                Pending p;
                try {
                    p = endIo.poll(5, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (p == null) {
                    if (stopping) {
                        return;
                    }
                    continue;
                }
                try {
                    complete(p.rec());
                    p.done().complete(null);
                } catch (IOException | RuntimeException e) {
                    p.done().completeExceptionally(e);
                }
            }
        }, "dio-end_io");
        endIoThread.setDaemon(true);
        endIoThread.start();
    }

    /** Lets the end_io thread complete everything queued, then stops it (flag, not interrupt: see Writeback). */
    public synchronized void stopEndIo() throws IOException {
        if (endIoThread == null) {
            return;
        }
        stopping = true;
        try {
            endIoThread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while stopping direct I/O completion");
        }
        endIoThread = null;
    }

    /** A synchronous direct write: submit, then complete. */
    public void write(String actor, Inode inode, long lblock, byte[] data) throws IOException {
        complete(submit(actor, inode, lblock, data));
    }

    /** A direct read (under i_rwsem shared): writes back a dirty cached page first, then reads the block. */
    public byte[] read(String actor, Inode inode, long lblock) throws IOException {
        StepHook.Step step = new StepHook.Step(actor, Action.Read, inode.ino(), lblock);
        fs.hook().before(step);
        byte[] out;
        inode.rwsem.downRead();
        try {
            fs.writeback().flushRange(inode, lblock, 1);
            Extent e = inode.find(lblock);
            out = e == null || e.unwritten() ? new byte[BlockDevice.BLOCK_SIZE] : fs.dataPath().read(inode, e.physical(lblock));
        } finally {
            inode.rwsem.upRead();
        }
        fs.hook().after(step);
        return out;
    }

    /** inode_dio_wait: blocks until no direct I/O of the inode is in flight. */
    public void inodeDioWait(Inode inode) throws IOException {
        inode.dio.await();
    }

    /** Completes every direct I/O in flight (e.g. before unmount). */
    public void completeAll() throws IOException {
        stopEndIo();
        for (DioRecord r : inFlight()) {
            complete(r);
        }
    }

    /** A snapshot of the direct I/O in flight, in submission order. */
    public List<DioRecord> inFlight() {
        return new ArrayList<>(inFlight);
    }
}
