package defragcheck.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import tlc2.value.IValue;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;

/** A model's constants as the implementation needs them (files in address order, defrags, mode, bounds). */
public record ModelConstants(List<String> files, List<Defrag> defrags, boolean decs, boolean dax, int lblocks,
        int maxWrites, Set<String> writers, boolean readers, Set<String> omit) {

    /** Defrag d (1-based in the spec) moves {@code orig}'s blocks onto {@code donor}'s. */
    public record Defrag(String orig, String donor) {}

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
        return new ModelConstants(files, defrags, ((StringValue) spec.value("Protocol")).getVal().toString().equals("decs"),
                ((BoolValue) spec.value("DAX")).val, ((IntValue) spec.value("LBlocks")).val,
                ((IntValue) spec.value("MaxWrites")).val, strings(spec.value("Writers")),
                ((BoolValue) spec.value("Readers")).val, strings(spec.value("Omit")));
    }

    /** The files some defrag moves data out of: the only files writers use. */
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
