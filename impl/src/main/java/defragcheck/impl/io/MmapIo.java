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
 * whatever it maps, even if the file no longer maps that block there.
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
        fs.monitor().when(inode.invalidateLock::isFree, () -> {
            PageKey key = new PageKey(inode.ino(), lblock);
            Extent e = inode.extentMap().find(lblock);
            long blk = e == null ? fs.allocateForWrite(inode, lblock) : e.physical(lblock);
            boolean wasUnwritten = e != null && e.unwritten();
            if (inode.isDax()) {
                if (wasUnwritten) {
                    fs.dataPath().write(inode, blk, new byte[BlockDevice.BLOCK_SIZE]); // dax zeroes an unwritten block before mapping it
                }
                fs.markWritten(inode, lblock);
                fs.ptes().map(key, Pte.toBlock(blk, true));
            } else {
                Page page = fs.cache().get(key);
                if (page == null) {
                    byte[] data = e == null || wasUnwritten ? new byte[BlockDevice.BLOCK_SIZE] : fs.dataPath().read(inode, blk);
                    page = fs.cache().insert(key, data, true, blk);
                } else {
                    page.store(page.data());
                }
                fs.markWritten(inode, lblock);
                fs.ptes().map(key, Pte.toPage(true));
            }
            return null;
        });
        fs.hook().after(step);
    }

    /**
     * MmapStore: a CPU store of a whole block through the pte. Returns false, changing nothing, if there is no
     * writable pte (the CPU would fault; call {@link #fault} and retry).
     */
    public boolean store(String actor, Inode inode, long lblock, byte[] data) throws IOException {
        BufferedIo.checkBlock(data);
        StepHook.Step step = new StepHook.Step(actor, Action.MmapStore, inode.ino(), lblock);
        fs.hook().before(step);
        boolean stored = fs.monitor().atomically(() -> {
            PageKey key = new PageKey(inode.ino(), lblock);
            Pte pte = fs.ptes().get(key);
            if (pte == null || !pte.writable()) {
                return false;
            }
            if (pte.mapsPage()) {
                fs.cache().get(key).store(data);
            } else {
                fs.device().daxWindow().store(pte.block(), data);
            }
            fs.recordCompletedWrite(inode, lblock, data);
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
