package defragcheck.conformance.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import defragcheck.conformance.ImplRig;
import defragcheck.conformance.ModelConstants;
import defragcheck.conformance.SpecModel;
import defragcheck.impl.cache.PageKey;
import defragcheck.impl.observe.AbstractState;
import defragcheck.impl.observe.BlockValue;
import tlc2.tool.TLCState;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;
import util.UniqueString;

/**
 * {@link defragcheck.conformance.StateMapping}'s abstraction for a model of DefragCrash.tla, whose states have more
 * variables: the variables of Defrag.tla from an implementation snapshot, the others given by the caller, then the
 * state is fingerprinted (StateMapping fingerprints a state with only Defrag.tla's variables bound, which TLC
 * refuses for these models). Same conventions: spec file names, 1-based lblocks, the rig's block bijection, write
 * numbers as written.
 */
public final class CrashStateMapping {
    /** The variables of Defrag.tla, the ones an implementation snapshot determines. */
    public static final List<String> DEFRAG_VARS = List.of("disk", "emap", "unwritten", "cache", "pte", "dio", "rwsem", "ilock",
            "step", "cursor", "lastWrite", "issued");

    private final ImplRig rig;
    private final Value zero;
    private final Value garbage;
    private final Value none;

    public CrashStateMapping(SpecModel spec, ImplRig rig) {
        this.rig = rig;
        this.zero = (Value) spec.value("Zero");
        this.garbage = (Value) spec.value("Garbage");
        this.none = (Value) spec.value("None");
    }

    public Value none() {
        return none;
    }

    /** {@code snapshot} as the spec's Defrag.tla variables plus {@code others} (every other variable of the model). */
    public TLCState toTlc(ImplRig.Snapshot snapshot, Map<String, Value> others) {
        AbstractState a = snapshot.state();
        ModelConstants c = rig.constants();
        int lbs = c.lblocks();
        int blocks = c.files().size() * lbs;
        Value[] disk = new Value[blocks];
        for (int b = 1; b <= blocks; b++) {
            disk[b - 1] = value(a.disk().get(rig.deviceBlock(b)));
        }
        Value[] files = new Value[c.files().size()];
        Value[] emapRows = new Value[files.length];
        Value[] rwsem = new Value[files.length];
        Value[] ilock = new Value[files.length];
        List<Value> keys = new ArrayList<>();
        List<Value> lastWrite = new ArrayList<>();
        List<Value> unwritten = new ArrayList<>();
        for (int i = 0; i < files.length; i++) {
            String name = c.files().get(i);
            int ino = rig.file(name).ino();
            files[i] = str(name);
            Value[] row = new Value[lbs];
            Map<Long, Long> m = a.emap().get(ino);
            for (int lb = 1; lb <= lbs; lb++) {
                Long p = m == null ? null : m.get((long) lb - 1);
                row[lb - 1] = p == null ? str("hole") : block(p);
                PageKey k = new PageKey(ino, lb - 1);
                keys.add(key(name, lb));
                lastWrite.add(value(a.lastWrite().getOrDefault(k, BlockValue.ZERO)));
                if (a.unwritten().contains(k)) {
                    unwritten.add(key(name, lb));
                }
            }
            emapRows[i] = fcn(ints(1, lbs), row);
            rwsem[i] = holder(a.rwsem().get(ino));
            ilock[i] = holder(a.ilock().get(ino));
        }
        List<Value> cacheKeys = new ArrayList<>();
        List<Value> cacheVals = new ArrayList<>();
        a.cache().forEach((k, p) -> {
            cacheKeys.add(key(rig.fileName(k.ino()), (int) k.lblock() + 1));
            cacheVals.add(record(new String[] {"val", "dirty", "blk"}, new Value[] {value(p.val()), bool(p.dirty()), block(p.blk())}));
        });
        List<Value> pteKeys = new ArrayList<>();
        List<Value> pteVals = new ArrayList<>();
        a.pte().forEach((k, m) -> {
            pteKeys.add(key(rig.fileName(k.ino()), (int) k.lblock() + 1));
            Value target = m.block() == null ? str("page") : block(m.block());
            pteVals.add(record(new String[] {"target", "writable"}, new Value[] {target, bool(m.writable())}));
        });
        List<Value> dio = new ArrayList<>();
        for (AbstractState.InFlightDio d : a.dio()) {
            dio.add(record(new String[] {"file", "lblock", "blk", "val"},
                    new Value[] {str(rig.fileName(d.ino())), IntValue.gen((int) d.lblock() + 1), block(d.blk()), value(d.val())}));
        }
        int defrags = snapshot.steps().size();
        Value[] step = new Value[defrags];
        Value[] cursor = new Value[defrags];
        for (int d = 0; d < defrags; d++) {
            step[d] = str(snapshot.steps().get(d));
            cursor[d] = IntValue.gen(snapshot.cursors().get(d));
        }
        TLCState s = TLCState.Empty.createEmpty();
        bind(s, "disk", fcn(ints(1, blocks), disk));
        bind(s, "emap", fcn(files, emapRows));
        bind(s, "unwritten", set(unwritten));
        bind(s, "cache", fcn(cacheKeys.toArray(Value[]::new), cacheVals.toArray(Value[]::new)));
        bind(s, "pte", fcn(pteKeys.toArray(Value[]::new), pteVals.toArray(Value[]::new)));
        bind(s, "dio", set(dio));
        bind(s, "rwsem", fcn(files, rwsem));
        bind(s, "ilock", fcn(files, ilock));
        bind(s, "step", fcn(ints(1, defrags), step));
        bind(s, "cursor", fcn(ints(1, defrags), cursor));
        bind(s, "lastWrite", fcn(keys.toArray(Value[]::new), lastWrite.toArray(Value[]::new)));
        bind(s, "issued", IntValue.gen(snapshot.issued()));
        others.forEach((var, v) -> bind(s, var, v));
        s.fingerPrint();
        return s;
    }

    /** {@code [d \in 1..defrags |-> v]}. */
    public static Value perDefrag(int defrags, Value v) {
        Value[] vals = new Value[defrags];
        java.util.Arrays.fill(vals, v);
        return fcn(ints(1, defrags), vals);
    }

    private static void bind(TLCState s, String var, Value v) {
        s.bind(UniqueString.uniqueStringOf(var), v);
    }

    /** A block value; write numbers are the rig's ({@code Written.seq} is the spec's write number). */
    private Value value(BlockValue v) {
        if (v instanceof BlockValue.Zero) {
            return zero;
        }
        if (v instanceof BlockValue.Garbage) {
            return garbage;
        }
        return IntValue.gen((int) ((BlockValue.Written) v).seq());
    }

    private Value holder(String actor) {
        return actor == null ? none : IntValue.gen(Integer.parseInt(actor));
    }

    /** A device block outside the files' blocks has no spec name: a string no spec state contains. */
    private Value block(long pblk) {
        Integer b = rig.specBlock(pblk);
        return b == null ? str("not a file block") : IntValue.gen(b);
    }

    private static Value key(String file, int lb) {
        return new TupleValue(str(file), IntValue.gen(lb));
    }

    private static Value str(String s) {
        return new StringValue(s);
    }

    private static Value[] ints(int from, int to) {
        Value[] out = new Value[Math.max(0, to - from + 1)];
        for (int i = from; i <= to; i++) {
            out[i - from] = IntValue.gen(i);
        }
        return out;
    }

    private static Value fcn(Value[] domain, Value[] values) {
        return new FcnRcdValue(domain, values, false).normalize();
    }

    private static Value set(List<Value> elems) {
        return new SetEnumValue(elems.toArray(Value[]::new), false).normalize();
    }

    private static Value record(String[] names, Value[] values) {
        UniqueString[] n = new UniqueString[names.length];
        for (int i = 0; i < names.length; i++) {
            n[i] = UniqueString.uniqueStringOf(names[i]);
        }
        return new RecordValue(n, values, false).normalize();
    }

    private static Value bool(boolean b) {
        return b ? BoolValue.ValTrue : BoolValue.ValFalse;
    }
}
