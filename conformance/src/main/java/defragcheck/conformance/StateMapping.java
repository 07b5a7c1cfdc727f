package defragcheck.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import defragcheck.impl.cache.PageKey;
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
 * The abstraction function: an implementation snapshot as a TLC state of the loaded spec, built from TLC's value
 * classes so that it can be compared with TLC's states by {@code equals}/fingerprint and checked by TLC. Files are
 * the spec's names (by inode), logical blocks 1-based, physical blocks the spec's 1..N (a bijection fixed by the
 * initial layout, see {@link ImplRig#specBlock}), a block's content its write number ({@code Written.seq}, through
 * {@code writeNumber}) or the model values Zero/Garbage, a lock holder or defrag the spec's defrag id.
 */
public final class StateMapping {
    private final ImplRig rig;
    private final Value zero;
    private final Value garbage;
    private final Value none;

    public StateMapping(SpecModel spec, ImplRig rig) {
        this.rig = rig;
        this.zero = (Value) spec.value("Zero");
        this.garbage = (Value) spec.value("Garbage");
        this.none = (Value) spec.value("None");
    }

    /**
     * The variables of Environment.tla and a protocol's control state, the ones an implementation snapshot
     * determines. The rig runs no direct reads (dior = {}), models no clock (ctime, queried constant: Clock = "none")
     * and its protocols sample nothing (sample = None).
     */
    public static final List<String> PROTOCOL_VARS = List.of("disk", "emap", "unwritten", "cache", "pte", "dio", "dior", "rwsem",
            "ilock", "ctime", "queried", "step", "cursor", "sample", "lastWrite", "issued");

    /** {@code snapshot} in the spec's variables; {@code writeNumber} maps a write's sequence number to the spec's. */
    public TLCState toTlc(ImplRig.Snapshot snapshot, LongFunction<Integer> writeNumber) {
        return toTlc(snapshot, writeNumber, Map.of());
    }

    /**
     * {@code snapshot} as {@link #PROTOCOL_VARS} plus {@code others} (every other variable of a model of a module
     * with more, e.g. DecsCrash.tla), bound before the state is fingerprinted, as TLC requires. Write numbers are
     * the blocks' own sequence numbers (runs whose writers number writes as the spec does).
     */
    public TLCState toTlc(ImplRig.Snapshot snapshot, Map<String, Value> others) {
        return toTlc(snapshot, seq -> (int) seq, others);
    }

    private TLCState toTlc(ImplRig.Snapshot snapshot, LongFunction<Integer> writeNumber, Map<String, Value> others) {
        AbstractState a = snapshot.state();
        ModelConstants c = rig.constants();
        int lbs = c.lblocks();
        int blocks = c.files().size() * lbs;

        Value[] disk = new Value[blocks];
        for (int b = 1; b <= blocks; b++) {
            BlockValue v = a.disk().get(rig.deviceBlock(b));
            disk[b - 1] = value(v, writeNumber);
        }
        Value[] files = new Value[c.files().size()];
        Value[] emapRows = new Value[files.length];
        Value[] rwsem = new Value[files.length];
        Value[] ilock = new Value[files.length];
        Value[] ctime = new Value[files.length];
        Value[] queried = new Value[files.length];
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
                row[lb - 1] = p == null ? str("hole") : intOrMissing(rig.specBlock(p));
                PageKey k = new PageKey(ino, lb - 1);
                keys.add(key(name, lb));
                lastWrite.add(value(a.lastWrite().getOrDefault(k, BlockValue.ZERO), writeNumber));
                if (a.unwritten().contains(k)) {
                    unwritten.add(key(name, lb));
                }
            }
            emapRows[i] = fcn(ints(1, lbs), row);
            rwsem[i] = holder(a.rwsem().get(ino));
            ilock[i] = holder(a.ilock().get(ino));
            ctime[i] = IntValue.gen(0);
            queried[i] = BoolValue.ValFalse;
        }
        List<Value> cacheKeys = new ArrayList<>();
        List<Value> cacheVals = new ArrayList<>();
        a.cache().forEach((k, p) -> {
            cacheKeys.add(key(rig.fileName(k.ino()), (int) k.lblock() + 1));
            cacheVals.add(record(new String[] {"val", "dirty", "blk"},
                    new Value[] {value(p.val(), writeNumber), bool(p.dirty()), intOrMissing(rig.specBlock(p.blk()))}));
        });
        List<Value> pteKeys = new ArrayList<>();
        List<Value> pteVals = new ArrayList<>();
        a.pte().forEach((k, m) -> {
            pteKeys.add(key(rig.fileName(k.ino()), (int) k.lblock() + 1));
            Value target = m.block() == null ? str("page") : intOrMissing(rig.specBlock(m.block()));
            pteVals.add(record(new String[] {"target", "writable"}, new Value[] {target, bool(m.writable())}));
        });
        List<Value> dio = new ArrayList<>();
        for (AbstractState.InFlightDio d : a.dio()) {
            dio.add(record(new String[] {"file", "lblock", "blk", "val"}, new Value[] {str(rig.fileName(d.ino())),
                    IntValue.gen((int) d.lblock() + 1), intOrMissing(rig.specBlock(d.blk())), value(d.val(), writeNumber)}));
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
        bind(s, "dior", set(List.of()));
        bind(s, "rwsem", fcn(files, rwsem));
        bind(s, "ilock", fcn(files, ilock));
        bind(s, "ctime", fcn(files, ctime));
        bind(s, "queried", fcn(files, queried));
        bind(s, "step", fcn(ints(1, defrags), step));
        bind(s, "cursor", fcn(ints(1, defrags), cursor));
        bind(s, "sample", perDefrag(defrags, none));
        bind(s, "lastWrite", fcn(keys.toArray(Value[]::new), lastWrite.toArray(Value[]::new)));
        bind(s, "issued", IntValue.gen(snapshot.issued()));
        others.forEach((var, v) -> bind(s, var, v));
        s.fingerPrint();
        return s;
    }

    public Value none() {
        return none;
    }

    /** {@code [d \in 1..defrags |-> v]}. */
    public static Value perDefrag(int defrags, Value v) {
        Value[] vals = new Value[defrags];
        Arrays.fill(vals, v);
        return fcn(ints(1, defrags), vals);
    }

    private static void bind(TLCState s, String var, Value v) {
        s.bind(UniqueString.uniqueStringOf(var), v);
    }

    private Value value(BlockValue v, LongFunction<Integer> writeNumber) {
        if (v instanceof BlockValue.Zero) {
            return zero;
        }
        if (v instanceof BlockValue.Garbage) {
            return garbage;
        }
        Integer n = writeNumber.apply(((BlockValue.Written) v).seq());
        return n == null ? str("unknown write " + v) : IntValue.gen(n);
    }

    private Value holder(String actor) {
        return actor == null ? none : IntValue.gen(Integer.parseInt(actor));
    }

    /** A device block outside the files' blocks has no spec name: a string no spec state contains. */
    private static Value intOrMissing(Integer specBlock) {
        return specBlock == null ? str("not a file block") : IntValue.gen(specBlock);
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
