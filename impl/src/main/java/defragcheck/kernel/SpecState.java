package defragcheck.kernel;

import java.util.ArrayList;
import java.util.List;

import tlc2.tool.TLCState;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;

/**
 * Reads the few things the kernel schedules need from a state of spec/Defrag.tla: the defrag's next step, its
 * cursor, who holds an inode's i_rwsem, the direct writes in flight, what a read returns (ReadView) and the last
 * completed write of a block. Values: a write number n is generation n; Zero on the orig is its initial content
 * (generation 0; the orig is written, never unwritten); Garbage is -1.
 */
final class SpecState {
    static final long GARBAGE = -1;
    private static final int DEFRAG = 1;

    private SpecState() {}

    static String defragStep(TLCState s) {
        return ((StringValue) fcn(s, "step").select(IntValue.gen(DEFRAG))).getVal().toString();
    }

    static int cursor(TLCState s) {
        return ((IntValue) fcn(s, "cursor").select(IntValue.gen(DEFRAG))).val;
    }

    /** Whether the defrag holds {@code file}'s i_rwsem. */
    static boolean holdsRwsem(TLCState s, String file) {
        return fcn(s, "rwsem").select(new StringValue(file)) instanceof IntValue;
    }

    /** The logical blocks (1-based) of the direct writes in flight. */
    static List<Integer> dioBlocks(TLCState s) {
        SetEnumValue dio = (SetEnumValue) ((Value) s.lookup("dio")).toSetEnum();
        List<Integer> out = new ArrayList<>();
        for (Value v : dio.elems.toArray()) {
            RecordValue r = (RecordValue) v;
            for (int i = 0; i < r.names.length; i++) {
                if (r.names[i].toString().equals("lblock")) {
                    out.add(((IntValue) r.values[i]).val);
                }
            }
        }
        return out;
    }

    /** ReadView(file, lb) of spec/Defrag.tla (without DAX): unwritten reads Zero, else the cached page, else the block. */
    static long readView(TLCState s, String file, int lb) {
        TupleValue k = key(file, lb);
        if (((Value) s.lookup("unwritten")).member(k)) {
            return 0;
        }
        FcnRcdValue cache = fcn(s, "cache");
        Value page = cache.domain.length == 0 ? null : (Value) cache.select(k);
        if (page != null) {
            return generation(((RecordValue) page).select(new StringValue("val")));
        }
        Value blk = (Value) ((FcnRcdValue) ((Value) fcn(s, "emap").select(new StringValue(file))).toFcnRcd()).select(IntValue.gen(lb));
        return generation((Value) fcn(s, "disk").select(blk));
    }

    static long lastWrite(TLCState s, String file, int lb) {
        return generation((Value) fcn(s, "lastWrite").select(key(file, lb)));
    }

    private static long generation(Value v) {
        if (v instanceof IntValue i) {
            return i.val;
        }
        return v.toString().equals("Garbage") ? GARBAGE : 0;
    }

    private static TupleValue key(String file, int lb) {
        return new TupleValue(new StringValue(file), IntValue.gen(lb));
    }

    private static FcnRcdValue fcn(TLCState s, String var) {
        return (FcnRcdValue) ((Value) s.lookup(var)).toFcnRcd();
    }
}
