package defragcheck.impl.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import defragcheck.impl.cache.Page;
import defragcheck.impl.cache.PageKey;
import defragcheck.impl.device.AlignedBuffers;
import defragcheck.impl.device.BlockDevice;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.observe.Action;
import defragcheck.impl.observe.StepHook;

/**
 * ext4_writepages: a dirty page is written to its {@code blk}, marked clean, and its pte write-protected
 * (page_mkclean) so the next store faults again. A DAX inode's writeback (dax_writeback_mapping_range) only
 * flushes mapping entries: it never writes ordinary dirty pages, which is how the legacy defrag loses data.
 */
public final class Writeback {
    private static final int MAX_RUN_BLOCKS = 256;

    private final Filesystem fs;
    private Thread daemon;
    private volatile boolean running;
    private volatile IOException daemonFailure;

    public Writeback(Filesystem fs) {
        this.fs = fs;
    }

    /**
     * Writeback of one page, under its page lock: the pte is write-protected first (page_mkclean), so no store
     * changes the data while it is written; returns whether anything was written.
     */
    public boolean writebackPage(String actor, PageKey key) throws IOException {
        StepHook.Step step = new StepHook.Step(actor, Action.Writeback, key.ino(), key.lblock());
        fs.hook().before(step);
        boolean wrote = false;
        Page p = fs.cache().lockPage(key);
        if (p != null) {
            try {
                Inode inode = fs.names().inodeIfPresent(key.ino());
                if (p.dirty() && inode != null && !inode.isDax()) {
                    fs.ptes().mkclean(key);
                    fs.device().writeBlock(p.blk(), p.data());
                    p.markClean();
                    fs.hook().linearized(new StepHook.Event(actor, Action.Writeback, key.ino(), key.lblock(), p.blk(), p.data()));
                    wrote = true;
                }
            } finally {
                p.unlock();
            }
        }
        fs.hook().after(step);
        return wrote;
    }

    /**
     * filemap_write_and_wait_range: all dirty pages of the range, in batches of up to {@link #MAX_RUN_BLOCKS}: each page
     * locked (in logical order) and write-protected before its data is read, the batch's contiguous blocks coalesced
     * into large writes, then its pages unlocked, so a writer of the file waits for one batch at most. Takes no
     * inode lock.
     */
    public void flushRange(Inode inode, long from, long count) throws IOException {
        if (inode.isDax()) {
            return;
        }
        List<Map.Entry<PageKey, Page>> batch = new ArrayList<>();
        ByteBuffer buf = null;
        for (PageKey key : new ArrayList<>(fs.cache().range(inode.ino(), from, count).keySet())) {
            Page p = fs.cache().lockPage(key);
            if (p == null) {
                continue;
            }
            if (!p.dirty()) {
                p.unlock();
                continue;
            }
            batch.add(Map.entry(key, p));
            if (batch.size() == MAX_RUN_BLOCKS) {
                buf = writeBatch(batch, buf);
            }
        }
        if (!batch.isEmpty()) {
            writeBatch(batch, buf);
        }
    }

    /** Writes a batch of locked dirty pages, coalescing contiguous blocks; unlocks them and empties the batch. */
    private ByteBuffer writeBatch(List<Map.Entry<PageKey, Page>> batch, ByteBuffer buf) throws IOException {
        try {
            for (Map.Entry<PageKey, Page> e : batch) {
                fs.ptes().mkclean(e.getKey());
            }
            batch.sort((a, b) -> Long.compare(a.getValue().blk(), b.getValue().blk()));
            if (buf == null) {
                buf = AlignedBuffers.allocate(MAX_RUN_BLOCKS * BlockDevice.BLOCK_SIZE);
            }
            for (int i = 0; i < batch.size(); ) {
                int j = i + 1;
                while (j < batch.size() && batch.get(j).getValue().blk() == batch.get(j - 1).getValue().blk() + 1) {
                    j++;
                }
                buf.clear();
                for (int k = i; k < j; k++) {
                    buf.put(batch.get(k).getValue().data());
                }
                buf.flip();
                fs.device().write(batch.get(i).getValue().blk(), buf);
                for (int k = i; k < j; k++) {
                    Map.Entry<PageKey, Page> e = batch.get(k);
                    e.getValue().markClean();
                    fs.hook().linearized(new StepHook.Event("writeback", Action.Writeback, e.getKey().ino(), e.getKey().lblock(),
                            e.getValue().blk(), e.getValue().data()));
                }
                i = j;
            }
            return buf;
        } finally {
            for (Map.Entry<PageKey, Page> e : batch) {
                e.getValue().unlock();
            }
            batch.clear();
        }
    }

    /** Writes back every dirty page of every non-DAX inode, one inode at a time, coalesced. */
    public void writebackAll(String actor) throws IOException {
        for (Inode inode : fs.names().inodes()) {
            StepHook.Step step = new StepHook.Step(actor, Action.Writeback, inode.ino(), -1);
            fs.hook().before(step);
            flushRange(inode, 0, Long.MAX_VALUE / 2);
            fs.hook().after(step);
        }
    }

    /**
     * Starts the background flusher: every {@code intervalMillis} it writes back the dirty pages, one step each.
     * It is stopped by a flag, never by interruption: an interrupt would close the device's FileChannel.
     */
    public synchronized void startDaemon(long intervalMillis) {
        if (daemon != null) {
            return;
        }
        running = true;
        daemon = new Thread(() -> {
            try {
                while (running) {
                    Thread.sleep(intervalMillis);
                    for (PageKey key : fs.cache().dirtyKeys()) {
                        if (!running) {
                            break;
                        }
                        writebackPage("flusher", key);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                daemonFailure = e;
            }
        }, "writeback-flusher");
        daemon.setDaemon(true);
        daemon.start();
    }

    /** Stops the flusher and rethrows the I/O error that stopped it early, if any. */
    public synchronized void stopDaemon() throws IOException {
        if (daemon == null) {
            return;
        }
        running = false;
        try {
            daemon.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while stopping writeback");
        }
        daemon = null;
        if (daemonFailure != null) {
            IOException e = daemonFailure;
            daemonFailure = null;
            throw e;
        }
    }
}
