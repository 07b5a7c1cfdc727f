package defragcheck.conformance.crash;

import java.io.IOException;
import java.util.List;

import defragcheck.impl.defrag.DefragOptions;
import defragcheck.impl.defrag.DrainEvictCopySwap;
import defragcheck.impl.defrag.MoveExtentRequest;
import defragcheck.impl.fs.Durability;
import defragcheck.impl.fs.Extent;
import defragcheck.impl.fs.MetadataTransaction;
import defragcheck.impl.observe.Action;
import defragcheck.impl.observe.StepHook;

/**
 * {@link CrashAblation#NO_INTENT}: drain-evict-copy-swap whose swap commits one logical block per journaled
 * transaction (ext4's per-page transactions) instead of one intent for the whole request. Each piece is durable and
 * consistent, the request is not: a crash between two pieces leaves orig mapping some new blocks and some old ones.
 */
public final class PerBlockSwap extends DrainEvictCopySwap {
    public PerBlockSwap(MoveExtentRequest req, DefragOptions opts) throws IOException {
        super(req, opts);
    }

    /** SwapExtents, one block (a transaction, durable before the next) at a time; blocks a hole on either side skips. */
    @Override
    public void swapExtents() throws IOException {
        StepHook.Step s = begin(Action.SwapExtents, -1);
        for (long k = 0; k < req.length(); k++) {
            long ol = req.origStart() + k;
            long dl = req.donorStart() + k;
            fs.transactions().commit(Durability.NOW, handle -> {
                Extent o = orig.extentMap().find(ol);
                Extent d = donor.extentMap().find(dl);
                if (o != null && d != null) {
                    handle.apply(new MetadataTransaction()
                            .add(new MetadataTransaction.MapRange(orig.ino(), ol, 1, List.of(new Extent(ol, d.physical(dl), 1, o.unwritten()))))
                            .add(new MetadataTransaction.MapRange(donor.ino(), dl, 1, List.of(new Extent(dl, o.physical(ol), 1, true)))));
                }
                return null;
            });
        }
        end(s);
    }
}
