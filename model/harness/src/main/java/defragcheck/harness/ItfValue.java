package defragcheck.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.Enumerable;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.ModelValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;
import tlc2.value.impl.ValueEnumeration;
import util.UniqueString;

/**
 * TLC values in the Informal Trace Format (ITF, Apalache ADR-015, read by Apalache and Quint tools):
 * booleans and strings as JSON, integers as {@code {"#bigint": "n"}}, sequences as lists, records and
 * functions over strings as objects, tuples with {@code #tup}, sets with {@code #set}, other functions
 * with {@code #map}. A TLC model value has no ITF form; it is written like an Apalache constant of an
 * uninterpreted type, {@code "Zero_OF_MODELVALUE"}. {@link #toValue} reads all of it back.
 */
public final class ItfValue {
    /** The uninterpreted type a model value is written as (Apalache writes {@code name_OF_TYPE}). */
    public static final String MODEL_VALUE_SUFFIX = "_OF_MODELVALUE";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ItfValue() {}

    public static JsonNode of(Value v) {
        if (v instanceof BoolValue b) return JSON.booleanNode(b.val);
        if (v instanceof IntValue i) return JSON.objectNode().put("#bigint", String.valueOf(i.val));
        if (v instanceof StringValue s) return JSON.textNode(s.val.toString());
        if (v instanceof ModelValue m) return JSON.textNode(m.val + MODEL_VALUE_SUFFIX);
        if (v instanceof TupleValue t) {
            ArrayNode list = JSON.arrayNode();
            for (Value e : t.elems) list.add(of(e));
            return list;
        }
        if (v instanceof RecordValue r) {
            ObjectNode record = JSON.objectNode();
            for (int i = 0; i < r.names.length; i++) record.set(r.names[i].toString(), of(r.values[i]));
            return record;
        }
        if (v instanceof FcnRcdValue f) return function(f);
        if (v instanceof Enumerable set && !(v instanceof FcnRcdValue)) {
            try {
                ArrayNode elems = JSON.arrayNode();
                ValueEnumeration e = set.elements(Enumerable.Ordering.NORMALIZED);
                for (Value x = e.nextElement(); x != null; x = e.nextElement()) elems.add(of(x));
                return JSON.objectNode().set("#set", elems);
            } catch (RuntimeException e) {
                // an infinite or unenumerable set
            }
        }
        try {
            if (v.toFcnRcd() instanceof FcnRcdValue f) return function(f);
        } catch (RuntimeException e) {
            // not a function either
        }
        return JSON.objectNode().put("#unserializable", StateDiff.text(v));
    }

    /**
     * A function as TLC prints it: an object if its domain is record field names, a list if it is
     * 1..n (a sequence), else a map.
     */
    private static JsonNode function(FcnRcdValue f) {
        Value[] values = f.values;
        if (values.length > 0 && f.intv == null && isRecord(f.domain)) {
            ObjectNode record = JSON.objectNode();
            for (int i = 0; i < values.length; i++) record.set(((StringValue) f.domain[i]).val.toString(), of(values[i]));
            return record;
        }
        if (values.length == 0 || isSequence(f)) {
            ArrayNode list = JSON.arrayNode();
            for (Value v : values) list.add(of(v));
            return list;
        }
        ArrayNode pairs = JSON.arrayNode();
        for (int i = 0; i < values.length; i++) {
            Value key = f.intv != null ? IntValue.gen(f.intv.low + i) : f.domain[i];
            pairs.add(JSON.arrayNode().add(of(key)).add(of(values[i])));
        }
        return JSON.objectNode().set("#map", pairs);
    }

    private static boolean isRecord(Value[] domain) {
        for (Value k : domain) {
            if (!(k instanceof StringValue s) || !s.val.toString().matches("[A-Za-z0-9_]*[A-Za-z][A-Za-z0-9_]*")) return false;
        }
        return true;
    }

    private static boolean isSequence(FcnRcdValue f) {
        if (f.intv != null) return f.intv.low == 1;
        for (Value k : f.domain) if (!(k instanceof IntValue)) return false;
        f.normalize();  // as TLC does before it prints a function over integers as a tuple
        for (int i = 0; i < f.domain.length; i++) if (((IntValue) f.domain[i]).val != i + 1) return false;
        return true;
    }

    /** The TLC value an ITF expression stands for (the inverse of {@link #of}). */
    public static Value toValue(JsonNode json) {
        if (json.isBoolean()) return json.booleanValue() ? BoolValue.ValTrue : BoolValue.ValFalse;
        if (json.isIntegralNumber()) return IntValue.gen(json.intValue());
        if (json.isTextual()) {
            String s = json.textValue();
            if (s.endsWith(MODEL_VALUE_SUFFIX)) return ModelValue.make(s.substring(0, s.length() - MODEL_VALUE_SUFFIX.length()));
            return new StringValue(s);
        }
        if (json.isArray()) return new TupleValue(list(json));
        if (!json.isObject()) throw new IllegalArgumentException("not an ITF expression: " + json);
        if (json.has("#bigint")) return IntValue.gen(Integer.parseInt(json.get("#bigint").textValue()));
        if (json.has("#tup")) return new TupleValue(list(json.get("#tup")));
        if (json.has("#set")) return new SetEnumValue(list(json.get("#set")), false);
        if (json.has("#map")) {
            List<Value> keys = new ArrayList<>();
            List<Value> values = new ArrayList<>();
            for (JsonNode pair : json.get("#map")) {
                keys.add(toValue(pair.get(0)));
                values.add(toValue(pair.get(1)));
            }
            return new FcnRcdValue(keys.toArray(Value[]::new), values.toArray(Value[]::new), false);
        }
        if (json.has("#unserializable")) throw new IllegalArgumentException("unserializable: " + json.get("#unserializable"));
        List<UniqueString> names = new ArrayList<>();
        List<Value> values = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            names.add(UniqueString.uniqueStringOf(e.getKey()));
            values.add(toValue(e.getValue()));
        }
        return new RecordValue(names.toArray(UniqueString[]::new), values.toArray(Value[]::new), false);
    }

    private static Value[] list(JsonNode array) {
        Value[] out = new Value[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = toValue(array.get(i));
        return out;
    }
}
