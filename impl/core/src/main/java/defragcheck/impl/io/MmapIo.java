package defragcheck.impl.io;

import java.io.IOException;

import defragcheck.impl.cache.Page;
import defragcheck.impl.cache.PageKey;
import defragcheck.impl.cache.Pte;
import defragcheck.impl.device.BlockDevice;
import defragcheck.impl.fs.Extent;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.observe.Action;
import defragcheck.impl.observe.StepHook;

/**
 * A shared writable mmap of a file by one process. A write fault (ext4_filemap_fault + ext4_page_mkwrite, under the
 * invalidate lock shared) maps the cached page, reading it in if needed, and dirties it; under DAX
 * (dax_iomap_fault) it maps the physical block itself. A store goes through an existing writable pte only, to
 * whatever it maps, even if the file no longer maps that block there; it holds the inode's page-table lock, which
 * every unmap and write-protect takes, so no store goes through a pte after it was torn down.
 */
public final class MmapIo {
    private final Filesystem fs;

    public MmapIo(Filesystem fs) {
        this.fs = fs;
    }

    /** MmapFault (a write fault): afterwards {@code <<inode, lblock>>} has a writable pte. */
    public void fault(String actor, Inode inode, long lblock) throws IOException {
        StepHook.Step step = new StepHook.Step(actor, Action.MmapFault, inode.ino(), lblock);
        fs.hook().before(step);
        inode.invalidateLock.downRead();
        try {
            if (inode.isDax()) {
                faultDax(actor, inode, lblock);
            } else {
                faultPage(actor, inode, lblock);
            }
        } finally {
            inode.invalidateLock.upRead();
        }
        fs.hook().after(step);
    }

    /** dax_iomap_fault: a hole gets an unwritten block; an unwritten block is zeroed before it is mapped. */
    private void faultDax(String actor, Inode inode, long lblock) throws IOException {
        Extent e = inode.find(lblock);
        long blk = e == null ? fs.space().allocateForWrite(inode, lblock, true) : e.physical(lblock);
        if (e == null || e.unwritten()) {
            fs.dataPath().write(inode, blk, new byte[BlockDevice.BLOCK_SIZE]);
        }
        fs.space().markWrittenIfAt(inode, lblock, blk);
        fs.ptes().map(new PageKey(inode.ino(), lblock), Pte.toBlock(blk, true));
        fs.hook().linearized(new StepHook.Event(actor, Action.MmapFault, inode.ino(), lblock, blk, null));
    }

    /** filemap_fault + page_mkwrite: the page is locked (and in the cache) before a hole gets its block. */
    private void faultPage(String actor, Inode inode, long lblock) throws IOException {
        PageKey key = new PageKey(inode.ino(), lblock);
        Extent e = inode.find(lblock);
        Page page = fs.cache().grab(key, e == null ? -1 : e.physical(lblock));
        try {
            if (page.data() == null) {
                byte[] data;
                try {
                    data = e == null || e.unwritten() ? new byte[BlockDevice.BLOCK_SIZE] : fs.dataPath().read(inode, e.physical(lblock));
                } catch (IOException | RuntimeException failed) {
                    fs.cache().remove(key, page);
                    throw failed;
                }
                page.fill(data);
            }
            if (page.blk() < 0) {
                page.setBlock(fs.space().allocateForWrite(inode, lblock, false));
            }
            fs.ptes().locked(inode.ino(), () -> {
                page.markDirty();
                return null;
            });
            fs.space().markWritten(inode, lblock);
            fs.ptes().map(key, Pte.toPage(true));
            fs.hook().linearized(new StepHook.Event(actor, Action.MmapFault, inode.ino(), lblock, page.blk(), page.data()));
        } finally {
            page.unlock();
        }
    }

    /**
     * MmapStore: a CPU store of a whole block through the pte. Returns false, changing nothing, if there is no
     * writable pte (the CPU would fault; call {@link #fault} and retry).
     */
    public boolean store(String actor, Inode inode, long lblock, byte[] data) throws IOException {
        BufferedIo.checkBlock(data);
        StepHook.Step step = new StepHook.Step(actor, Action.MmapStore, inode.ino(), lblock);
        fs.hook().before(step);
        PageKey key = new PageKey(inode.ino(), lblock);
        var window = inode.isDax() ? fs.device().daxWindow() : null;
        boolean stored = fs.ptes().locked(inode.ino(), () -> {
            Pte pte = fs.ptes().get(key);
            if (pte == null || !pte.writable()) {
                return false;
            }
            if (pte.mapsPage()) {
                fs.cache().get(key).store(data); // a pte to a page keeps it in the cache: eviction unmaps first
            } else {
                window.store(pte.block(), data);
            }
            fs.hook().linearized(new StepHook.Event(actor, Action.MmapStore, inode.ino(), lblock, pte.block(), data));
            return true;
        });
        fs.hook().after(step);
        return stored;
    }

    /** A store that faults as often as needed (what a program writing to its mapping experiences). */
    public void write(String actor, Inode inode, long lblock, byte[] data) throws IOException {
        while (!store(actor, inode, lblock, data)) {
            fault(actor, inode, lblock);
        }
    }
}
