package defragcheck.kernel;

import tlc2.tool.TLCState;
import tlc2.value.IValue;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.ModelValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;

/**
 * What a model state says a read of a user file's block returns, as the kernel rig's generations: write n is
 * generation n, the model's {@code Zero} (an orig's first content, or an unwritten extent) generation 0, and
 * {@code Garbage} (another file's stale block) {@link #GARBAGE}. Read from the variables the way
 * {@code Environment.tla} defines them (BlockData, the page cache), so a violating state's stale value is the
 * value expected of the kernel.
 */
final class ModelReads {
    static final long GARBAGE = -1;

    private ModelReads() {}

    /** A buffered read now: the cached page, else the block the extent map names (Zero if unwritten). */
    static long buffered(TLCState s, String file, int lb) {
        RecordValue page = page(s, file, lb);
        return page != null ? generation(page.select(new StringValue("val"))) : blockData(s, file, lb, null);
    }

    /**
     * A read after every dirty page was written to the block it is attached to (an fsync, an unmount): what
     * O_DIRECT, drop_caches and a remount see.
     */
    static long durable(TLCState s, String file, int lb) {
        return blockData(s, file, lb, fcn(s.lookup("cache")));
    }

    private static long blockData(TLCState s, String file, int lb, FcnRcdValue flush) {
        if (((Value) s.lookup("unwritten")).member(key(file, lb))) {
            return 0;
        }
        Value block = fcn(fcn(s.lookup("emap")).select(new StringValue(file))).select(IntValue.gen(lb));
        if (flush != null) {
            for (int i = 0; i < flush.domain.length; i++) {
                RecordValue p = (RecordValue) flush.values[i];
                if (p.select(new StringValue("dirty")).equals(BoolValue.ValTrue)
                        && p.select(new StringValue("blk")).equals(block)) {
                    return generation(p.select(new StringValue("val")));
                }
            }
        }
        return generation(fcn(s.lookup("disk")).select(block));
    }

    private static RecordValue page(TLCState s, String file, int lb) {
        return (RecordValue) fcn(s.lookup("cache")).select(key(file, lb));
    }

    /** A function value (a tuple, a record or :> @@ built) as TLC's explicit function. */
    private static FcnRcdValue fcn(IValue v) {
        return (FcnRcdValue) ((Value) v).toFcnRcd();
    }

    private static TupleValue key(String file, int lb) {
        return new TupleValue(new Value[] {new StringValue(file), IntValue.gen(lb)});
    }

    static long generation(IValue v) {
        if (v instanceof IntValue i) {
            return i.val;
        }
        if (v instanceof ModelValue m) {
            return m.toString().equals("Zero") ? 0 : GARBAGE;
        }
        throw new IllegalArgumentException("not a block value: " + v);
    }
}
