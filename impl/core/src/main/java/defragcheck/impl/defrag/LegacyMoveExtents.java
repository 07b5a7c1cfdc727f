package defragcheck.impl.defrag;

import java.io.IOException;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;

import defragcheck.impl.cache.Page;
import defragcheck.impl.cache.PageKey;
import defragcheck.impl.fs.Durability;
import defragcheck.impl.fs.Extent;
import defragcheck.impl.fs.MetadataTransaction;
import defragcheck.impl.observe.Action;
import defragcheck.impl.observe.StepHook;

/**
 * ext4's move_extent_per_page protocol (before the 2016 DAX refusal): lock both i_rwsem, drain DIO, then per page
 * read the old block into orig's page if it is not cached, swap that block's mapping, re-point the page at the new
 * block and dirty it. The data reaches the new block only when writeback writes the page, which for a DAX inode
 * never happens, and DAX readers never look at the page. The swaps join the running metadata transaction,
 * committed with the next commit or sync (jbd2 batching), not per page.
 */
public final class LegacyMoveExtents extends MoveExtents {
    private long nextPage;

    LegacyMoveExtents(MoveExtentRequest req, DefragOptions opts) throws IOException {
        super(req, opts, LegacyMoveExtents::plan);
        nextPage = req.origStart();
    }

    /**
     * LockInodes, DrainDio, one MovePage per block, Unlock: computed per step, not stored, so a request of many blocks
     * costs no memory (a validated length lies within a file, far below Integer.MAX_VALUE).
     */
    private static List<Action> plan(MoveExtentRequest req) {
        int pages = Math.toIntExact(req.length());
        return new AbstractList<>() {
            @Override
            public Action get(int i) {
                Objects.checkIndex(i, size());
                return i == 0 ? Action.LockInodes : i == 1 ? Action.DrainDio : i < pages + 2 ? Action.MovePage : Action.Unlock;
            }

            @Override
            public int size() {
                return pages + 3;
            }
        };
    }

    @Override
    public void runNext() throws IOException {
        switch (next()) {
            case LockInodes -> lockInodes();
            case DrainDio -> drainDio();
            case MovePage -> movePage(nextPage);
            case Unlock -> unlock();
            default -> throw new IllegalStateException("not a step of the legacy protocol: " + next());
        }
    }

    /** The orig logical block the next MovePage moves. */
    public long nextPage() {
        return nextPage;
    }

    /** MovePage for orig's logical block {@code lblock} (must be the next one). Holes on either side are skipped. */
    public void movePage(long lblock) throws IOException {
        if (lblock != nextPage) {
            throw new IllegalStateException(id() + ": movePage(" + lblock + ") called, next page is " + nextPage);
        }
        StepHook.Step s = begin(Action.MovePage, lblock);
        long dl = req.donorStart() + (lblock - req.origStart());
        Extent o = orig.find(lblock);
        Extent d = donor.find(dl);
        if (o != null && d != null) {
            long op = o.physical(lblock);
            long dp = d.physical(dl);
            PageKey key = new PageKey(orig.ino(), lblock);
            Page page = o.unwritten() ? fs.cache().lockPage(key) : fs.cache().grab(key, op);
            try {
                if (page != null && page.data() == null) {
                    page.fill(fs.dataPath().read(orig, op));
                }
                fs.transactions().commit(Durability.WITH_NEXT_COMMIT, handle -> {
                    handle.apply(new MetadataTransaction()
                            .add(new MetadataTransaction.MapRange(orig.ino(), lblock, 1, List.of(new Extent(lblock, dp, 1, o.unwritten()))))
                            .add(new MetadataTransaction.MapRange(donor.ino(), dl, 1, List.of(new Extent(dl, op, 1, true)))));
                    return null;
                });
                if (page != null) {
                    page.repoint(dp);
                }
                linearized(Action.MovePage); // under the page lock: writeback sees the page before or after the move
            } finally {
                if (page != null) {
                    page.unlock();
                }
            }
        } else {
            linearized(Action.MovePage);
        }
        nextPage++;
        finish(s);
    }
}
