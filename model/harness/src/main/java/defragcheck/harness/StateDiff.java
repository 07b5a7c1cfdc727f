package defragcheck.harness;

import java.util.ArrayList;
import java.util.List;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;

/**
 * What one step changed in a variable, down to the function keys and record fields that differ:
 * a reviewer reads {@code cache[<<orig, 1>>].dirty = TRUE} rather than two copies of the whole cache.
 * Sequences and sets are shown whole (an element removed from the front would otherwise show up as a
 * change of every later index).
 */
final class StateDiff {
    private StateDiff() {}

    static List<Change> changes(String variable, Value before, Value after) {
        List<Change> out = new ArrayList<>();
        diff(variable, before, after, out);
        return out;
    }

    private static void diff(String path, Value before, Value after, List<Change> out) {
        if (before.equals(after)) return;
        if (before instanceof RecordValue b && after instanceof RecordValue a) {
            diffKeyed(path, keyed(b), keyed(a), out);
        } else if (!(before instanceof TupleValue) && !(after instanceof TupleValue)
                && before.toFcnRcd() instanceof FcnRcdValue b && after.toFcnRcd() instanceof FcnRcdValue a) {
            diffKeyed(path, keyed(b), keyed(a), out);
        } else {
            out.add(new Change(path, text(after)));
        }
    }

    private record Entry(String key, Value value) {}

    private static List<Entry> keyed(RecordValue r) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < r.names.length; i++) entries.add(new Entry("." + r.names[i], r.values[i]));
        return entries;
    }

    private static List<Entry> keyed(FcnRcdValue f) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < f.values.length; i++) {
            String key = f.intv != null ? String.valueOf(f.intv.low + i) : text(f.domain[i]);
            entries.add(new Entry("[" + key + "]", f.values[i]));
        }
        return entries;
    }

    private static void diffKeyed(String path, List<Entry> before, List<Entry> after, List<Change> out) {
        for (Entry a : after) {
            Entry b = before.stream().filter(e -> e.key.equals(a.key)).findFirst().orElse(null);
            if (b == null) out.add(new Change(path + a.key, text(a.value)));
            else diff(path + a.key, b.value, a.value, out);
        }
        for (Entry b : before) {
            if (after.stream().noneMatch(e -> e.key.equals(b.key))) out.add(new Change(path + b.key, null));
        }
    }

    /** A value as TLA+ text, on one line. */
    static String text(Value v) {
        return v.toString().replaceAll("\\s*\\n\\s*", " ");
    }
}
