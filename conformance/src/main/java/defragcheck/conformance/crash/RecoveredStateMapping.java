package defragcheck.conformance.crash;

import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import defragcheck.conformance.ImplRig;
import defragcheck.conformance.StateMapping;
import defragcheck.conformance.SpecModel;
import defragcheck.impl.cache.PageKey;
import defragcheck.impl.fs.Extent;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.Inode;
import defragcheck.conformance.AbstractState;
import defragcheck.impl.observe.BlockPayload;
import defragcheck.impl.observe.BlockValue;
import tlc2.tool.TLCState;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.Value;

/**
 * The abstraction of a crashed-and-recovered implementation to a state of DecsCrash.tla.
 *
 * <p>The two designs journal differently: the implementation logs every metadata transaction as operations (intent,
 * flush, commit, flush) and checkpoints whole home images, the spec one record of absolute maps per defrag. They agree
 * on what recovery leaves behind, so the mapping is taken there, on the recovered durable state only: block contents
 * ({@code disk} = {@code durable}: after power loss the device returns what survived), the extent maps the mounted
 * filesystem uses ({@code emap}), the unwritten flags, the maps written in place ({@code home}, read by a second mount
 * of the same device that loads the home metadata without the journal), and the journal: empty ({@code None}) when
 * home already holds every committed map, i.e. nothing is left for a later recovery to replay. The reader view, read
 * through the implementation's read path, is {@code lastWrite} (Recover's definition). Volatile state is what a fresh
 * mount has (no pages, ptes, direct I/O or locks; the defrag ended: "Done"). The ghosts the implementation does not
 * keep ({@code issued}, {@code floor}, {@code since}) come from the pre-crash spec state, with one more crash.
 */
public final class RecoveredStateMapping {
    private final ImplRig rig;
    private final StateMapping mapping;

    public RecoveredStateMapping(SpecModel spec, ImplRig rig) {
        this.rig = rig;
        this.mapping = new StateMapping(spec, rig);
    }

    /** What is observed of a just-recovered filesystem, once (reading fills the page cache): its state with the reader view as lastWrite, and the home maps. */
    public record Observation(AbstractState recovered, AbstractState home) {}

    public Observation observe(Filesystem fs) throws IOException {
        AbstractState a = AbstractState.capture(fs, Map.of()); // the ghost is the reader view, read after
        return new Observation(withLastWrite(a, readerView(fs)), homeState(fs));
    }

    /**
     * The observed recovered state as a spec state, with the ghosts of {@code preCrash}; a block value found in
     * {@code asNewest[block]} is replaced by the value it maps to (see {@link CrashRecoveryOracle}), in the block and
     * in the reader view of the file block mapped to it.
     */
    public TLCState toTlc(Observation o, TLCState preCrash, Map<Long, Map<BlockValue, BlockValue>> asNewest) {
        AbstractState viewed = asNewest.isEmpty() ? o.recovered() : replaced(o.recovered(), asNewest);
        int issued = ((IntValue) preCrash.lookup("issued")).val;
        int defrags = rig.constants().defrags().size();
        List<String> done = Collections.nCopies(defrags, "Done");
        List<Integer> cursors = Collections.nCopies(defrags, 1);
        Map<String, Value> ghosts = new HashMap<>();
        for (String v : List.of("floor", "since")) {
            ghosts.put(v, (Value) preCrash.lookup(v));
        }
        ghosts.put("crashes", IntValue.gen(((IntValue) preCrash.lookup("crashes")).val + 1));
        ghosts.put("up", BoolValue.ValTrue);
        // home first (with placeholders for the variables that depend on it), then the recovered state
        Map<String, Value> placeholders = new HashMap<>(ghosts);
        for (String v : List.of("durable", "home", "jlog", "jdurable")) {
            placeholders.put(v, mapping.none());
        }
        Value home = (Value) mapping.toTlc(new ImplRig.Snapshot(o.home(), done, cursors, issued), placeholders).lookup("emap");
        TLCState core = mapping.toTlc(new ImplRig.Snapshot(viewed, done, cursors, issued), placeholders);
        Value journal = home.equals(core.lookup("emap")) ? StateMapping.perDefrag(defrags, mapping.none())
                : new StringValue("a record recovery would still replay");
        Map<String, Value> others = new HashMap<>(ghosts);
        others.put("durable", (Value) core.lookup("disk"));
        others.put("home", home);
        others.put("jlog", journal);
        others.put("jdurable", journal);
        return mapping.toTlc(new ImplRig.Snapshot(viewed, done, cursors, issued), others);
    }

    private static AbstractState replaced(AbstractState a, Map<Long, Map<BlockValue, BlockValue>> asNewest) {
        Map<Long, BlockValue> disk = new TreeMap<>(a.disk());
        disk.replaceAll((b, v) -> asNewest.getOrDefault(b, Map.of()).getOrDefault(v, v));
        Map<PageKey, BlockValue> view = new TreeMap<>(a.lastWrite());
        view.replaceAll((k, v) -> {
            Long b = a.emap().getOrDefault(k.ino(), Map.of()).get(k.lblock());
            return b == null || a.unwritten().contains(k) ? v : asNewest.getOrDefault(b, Map.of()).getOrDefault(v, v);
        });
        return new AbstractState(disk, a.emap(), a.unwritten(), a.cache(), a.pte(), a.dio(), a.rwsem(), a.ilock(), a.step(), view, a.dax());
    }

    /**
     * What a read returns now for every block of every file, through the page cache (taken after the capture: reads
     * fill it); for a DAX file what a load through the mapping returns, the mapped block itself (the crash images are
     * in memory and have no DAX window to map).
     */
    private Map<PageKey, BlockValue> readerView(Filesystem fs) throws IOException {
        Map<PageKey, BlockValue> view = new TreeMap<>();
        for (String name : rig.constants().files()) {
            Inode inode = fs.names().lookup(name);
            for (int lb = 0; lb < rig.constants().lblocks(); lb++) {
                byte[] read = inode.isDax() ? daxLoad(fs, inode, lb) : fs.buffered().read("reader", inode, lb);
                view.put(new PageKey(inode.ino(), lb), read == null ? BlockValue.ZERO : BlockPayload.decode(read));
            }
        }
        return view;
    }

    /** The mapped block's bytes, or null where the file reads zeros (a hole or an unwritten extent). */
    private static byte[] daxLoad(Filesystem fs, Inode inode, long lb) throws IOException {
        Extent e = inode.find(lb);
        return e == null || e.unwritten() ? null : fs.device().readBlock(e.physical(lb));
    }

    /** The metadata written in place: a second mount of the same device that loads home without replaying (it writes nothing). */
    private static AbstractState homeState(Filesystem fs) throws IOException {
        return AbstractState.capture(Filesystem.mount(JournalHidden.homeView(fs.device(), fs.superblock())), Map.of());
    }

    private static AbstractState withLastWrite(AbstractState a, Map<PageKey, BlockValue> lastWrite) {
        return new AbstractState(a.disk(), a.emap(), a.unwritten(), a.cache(), a.pte(), a.dio(), a.rwsem(), a.ilock(), a.step(),
                lastWrite, a.dax());
    }
}
