package defragcheck.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import defragcheck.impl.defrag.Protocol;
import tlc2.value.IValue;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;

/**
 * A model's constants as the implementation needs them (files in address order, defrags, the files users touch,
 * mode, bounds), and its protocol: the module the model extends (Decs or Ext4Legacy).
 */
public record ModelConstants(List<String> files, List<Defrag> defrags, Set<String> userFiles, Protocol protocol, boolean dax,
        int lblocks, int maxWrites, Set<String> writers, Set<String> readers) {

    /** The same model at other bounds (a free run's blocks a file and writes). */
    public ModelConstants withBounds(int lblocks, int maxWrites) {
        return new ModelConstants(files, defrags, userFiles, protocol, dax, lblocks, maxWrites, writers, readers);
    }

    /** Defrag d (1-based in the spec) moves {@code orig}'s blocks onto {@code donor}'s. */
    public record Defrag(String orig, String donor) {}

    /** Thrown for a model the rig cannot reproduce on an image. */
    public static final class Unsupported extends IllegalArgumentException {
        Unsupported(String model, String why) {
            super(model + ": not a model the conformance rig can drive: " + why);
        }
    }

    public static ModelConstants of(SpecModel spec) {
        List<String> files = new ArrayList<>();
        for (Value v : elements(spec.value("Inodes"))) {
            files.add(((StringValue) v).getVal().toString());
        }
        List<Defrag> defrags = new ArrayList<>();
        for (Value v : elements(spec.value("Defrags"))) {
            RecordValue r = (RecordValue) v.toRcd();
            defrags.add(new Defrag(field(r, "orig"), field(r, "donor")));
        }
        boolean dax = ((BoolValue) spec.value("DAX")).val;
        Set<String> readers = strings(spec.value("Readers"));
        requireDrivable(spec, dax, readers);
        return new ModelConstants(files, defrags, strings(spec.value("UserFiles")), protocol(spec), dax,
                ((IntValue) spec.value("LBlocks")).val, ((IntValue) spec.value("MaxWrites")).val,
                strings(spec.value("Writers")), readers);
    }

    /** The protocol is the module a model extends (a crash model instances Decs). */
    private static Protocol protocol(SpecModel spec) {
        Set<String> modules = spec.modules();
        if (modules.contains("Ext4Legacy")) {
            return Protocol.LEGACY;
        }
        if (modules.contains("Decs")) {
            return Protocol.DECS;
        }
        throw new Unsupported(spec.model().name(), "extends neither Decs nor Ext4Legacy");
    }

    /**
     * The rig has no direct reader, no reclaim and no clock: a model whose environment has them would take steps
     * the rig cannot run (DioReadSubmit, ReclaimPage, Stat). Under DAX the spec has no direct reads or reclaim.
     */
    private static void requireDrivable(SpecModel spec, boolean dax, Set<String> readers) {
        String model = spec.model().name();
        if (!dax && readers.contains("direct")) {
            throw new Unsupported(model, "direct readers");
        }
        if (!dax && ((BoolValue) spec.value("Reclaim")).val) {
            throw new Unsupported(model, "reclaim");
        }
        if (!((StringValue) spec.value("Clock")).getVal().toString().equals("none")) {
            throw new Unsupported(model, "a clock");
        }
    }

    public boolean decs() {
        return protocol == Protocol.DECS;
    }

    /** The files some defrag moves data out of: they start written with zeros, the others fallocated. */
    public Set<String> origs() {
        Set<String> s = new TreeSet<>();
        defrags.forEach(d -> s.add(d.orig()));
        return s;
    }

    private static Value[] elements(IValue seq) {
        Value v = (Value) seq;
        if (v instanceof TupleValue t) {
            return t.elems;
        }
        return ((FcnRcdValue) v.toFcnRcd()).values;
    }

    private static String field(RecordValue r, String name) {
        for (int i = 0; i < r.names.length; i++) {
            if (r.names[i].toString().equals(name)) {
                return ((StringValue) r.values[i]).getVal().toString();
            }
        }
        throw new IllegalArgumentException("no field " + name + " in " + r);
    }

    private static Set<String> strings(IValue set) {
        Set<String> out = new TreeSet<>();
        for (Value v : ((SetEnumValue) ((Value) set).toSetEnum()).elems.toArray()) {
            out.add(((StringValue) v).getVal().toString());
        }
        return out;
    }
}
