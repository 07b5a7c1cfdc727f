package defragcheck.impl.defrag;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import defragcheck.impl.fs.Durability;
import defragcheck.impl.fs.Extent;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.fs.MetadataTransaction;
import defragcheck.impl.observe.Action;
import defragcheck.impl.observe.StepHook;

/**
 * Jan Kara's protocol (2016): with both inodes locked against writes, DIO and faults, drain direct I/O, write back
 * and evict the cache of both ranges (unmapping ptes), copy orig's blocks into donor's blocks directly, then swap the
 * extents in one journaled transaction (donor side unwritten) whose barrier makes the copy durable before the commit
 * record, which is durable before the defrag unlocks. Not final: a verification variant overrides {@link #swapExtents}.
 */
public class DrainEvictCopySwap extends MoveExtents {
    private static final List<Action> PLAN = List.of(Action.LockInodes, Action.LockInvalidate, Action.DrainDio,
            Action.FlushCache, Action.EvictCache, Action.CopyData, Action.SwapExtents, Action.Unlock);

    /** Protected for verification variants of the protocol (in the conformance rig); movers come from {@link MoveExtents#create}. */
    protected DrainEvictCopySwap(MoveExtentRequest req, DefragOptions opts) throws IOException {
        super(req, opts, r -> PLAN);
    }

    @Override
    public void runNext() throws IOException {
        switch (next()) {
            case LockInodes -> lockInodes();
            case LockInvalidate -> lockInvalidate();
            case DrainDio -> drainDio();
            case FlushCache -> flushCache();
            case EvictCache -> evictCache();
            case CopyData -> copyData();
            case SwapExtents -> swapExtents();
            case Unlock -> unlock();
            default -> throw new IllegalStateException("not a step of drain-evict-copy-swap: " + next());
        }
    }

    /** LockInvalidate: filemap_invalidate_lock_two, lower inode number first. */
    public void lockInvalidate() throws IOException {
        lockTwo(Action.LockInvalidate, i -> i.invalidateLock);
    }

    /** FlushCache: filemap_write_and_wait_range on both ranges. */
    public void flushCache() throws IOException {
        StepHook.Step s = begin(Action.FlushCache, -1);
        assert holdsBoth() : id() + ": FlushCache without both inodes' locks";
        fs.writeback().flushRange(orig, req.origStart(), req.length());
        fs.writeback().flushRange(donor, req.donorStart(), req.length());
        end(s);
    }

    /** EvictCache: truncate_pagecache_range on both ranges: drop the pages and unmap their ptes (DAX: block ptes). */
    public void evictCache() throws IOException {
        StepHook.Step s = begin(Action.EvictCache, -1);
        assert holdsBoth() : id() + ": EvictCache without both inodes' locks";
        fs.ptes().unmap(orig.ino(), req.origStart(), req.length());
        fs.ptes().unmap(donor.ino(), req.donorStart(), req.length());
        fs.cache().drop(orig.ino(), req.origStart(), req.length());
        fs.cache().drop(donor.ino(), req.donorStart(), req.length());
        end(s);
    }

    /**
     * CopyData: orig's written blocks into the donor's blocks, bypassing the cache (DAX: through the mapping).
     * Unwritten orig blocks need no copy: orig keeps them unwritten. The copy becomes durable at the barrier of the
     * swap's journal commit, before its commit record. It runs under the two inodes' locks only (the plan is read
     * under the metadata lock, the I/O outside it), in parallel ({@code copyThreads}).
     */
    public void copyData() throws IOException {
        StepHook.Step s = begin(Action.CopyData, -1);
        assert holdsBoth() : id() + ": CopyData without both inodes' locks";
        List<DataCopier.Run> runs = new ArrayList<>();
        for (SwapSegment seg : fs.transactions().read(this::plan)) {
            if (!seg.origUnwritten()) {
                runs.add(new DataCopier.Run(seg.origBlock(), seg.donorBlock(), seg.length()));
            }
        }
        if (orig.isDax()) {
            DataCopier.copyDax(fs.device().daxWindow(), runs);
        } else {
            DataCopier.copyDirect(fs.device(), runs, opts.copyThreads());
        }
        end(s);
    }

    /**
     * SwapExtents: ext4_swap_extents in one journaled transaction (intent, barrier, commit record, flush); orig keeps
     * its written state, donor's range is unwritten. The maps change under the metadata lock; the journal I/O runs
     * after it is released, and this returns (and the defrag may unlock) only once the commit record is durable.
     * Caller contract: holds both inodes' i_rwsem and invalidate_lock, not the metadata lock.
     */
    public void swapExtents() throws IOException {
        StepHook.Step s = begin(Action.SwapExtents, -1);
        assert holdsBoth() : id() + ": SwapExtents without both inodes' locks";
        assert !fs.transactions().holdsLock() : id() + ": SwapExtents would wait for its commit under the metadata lock";
        fs.transactions().commit(Durability.NOW, handle -> {
            List<Extent> origNew = new ArrayList<>();
            List<Extent> donorNew = new ArrayList<>();
            for (SwapSegment seg : plan()) {
                long ol = req.origStart() + seg.offset();
                long dl = req.donorStart() + seg.offset();
                origNew.add(new Extent(ol, seg.donorBlock(), seg.length(), seg.origUnwritten()));
                donorNew.add(new Extent(dl, seg.origBlock(), seg.length(), true));
            }
            MetadataTransaction txn = new MetadataTransaction()
                    .add(new MetadataTransaction.MapRange(orig.ino(), req.origStart(), req.length(),
                            SwapSegment.substitute(orig.extentMap().pieces(req.origStart(), req.length()), origNew)))
                    .add(new MetadataTransaction.MapRange(donor.ino(), req.donorStart(), req.length(),
                            SwapSegment.substitute(donor.extentMap().pieces(req.donorStart(), req.length()), donorNew)));
            handle.apply(txn);
            return null;
        });
        end(s);
    }

    /** Both inodes' i_rwsem and invalidate_lock, held exclusively by this defrag. */
    private boolean holdsBoth() {
        return holdsInodeLocks() && holdsInvalidateLocks();
    }

    /** Both invalidate locks held (for asserts); overridable so that a verification variant without LockInvalidate can waive it. */
    protected boolean holdsInvalidateLocks() {
        return holds(i -> i.invalidateLock);
    }

    /** The segments to copy and swap; the caller holds the metadata lock, which keeps both extent maps still. */
    private List<SwapSegment> plan() {
        return SwapSegment.plan(orig.extentMap(), req.origStart(), donor.extentMap(), req.donorStart(), req.length());
    }
}
