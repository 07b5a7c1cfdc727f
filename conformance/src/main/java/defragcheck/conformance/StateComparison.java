package defragcheck.conformance;

import java.util.ArrayList;
import java.util.List;

import tla2sany.semantic.OpDeclNode;
import tlc2.tool.TLCState;
import tlc2.value.IValue;

/** Spec state against implementation state, variable by variable: the differing ones marked, side by side. */
public final class StateComparison {
    private StateComparison() {}

    /** The names of the variables whose values differ. */
    public static List<String> differing(TLCState spec, TLCState impl) {
        List<String> out = new ArrayList<>();
        for (OpDeclNode v : TLCState.vars) {
            IValue a = spec.lookup(v.getName());
            IValue b = impl.lookup(v.getName());
            if (a == null || b == null || !a.equals(b)) {
                out.add(v.getName().toString());
            }
        }
        return out;
    }

    public static boolean same(TLCState spec, TLCState impl) {
        return spec.fingerPrint() == impl.fingerPrint() && differing(spec, impl).isEmpty();
    }

    /** One state, a variable a line. */
    public static String print(TLCState s) {
        StringBuilder out = new StringBuilder();
        for (OpDeclNode v : TLCState.vars) {
            out.append(String.format("    %-10s %s%n", v.getName(), s.lookup(v.getName())));
        }
        return out.toString();
    }

    /** Every variable; a differing one is marked "≠" and shows both values. */
    public static String sideBySide(TLCState spec, TLCState impl) {
        List<String> diff = differing(spec, impl);
        StringBuilder out = new StringBuilder();
        for (OpDeclNode v : TLCState.vars) {
            String name = v.getName().toString();
            if (diff.contains(name)) {
                out.append(String.format("  ≠ %-10s spec: %s%n  %-12s impl: %s%n", name, spec.lookup(v.getName()), "", impl.lookup(v.getName())));
            } else {
                out.append(String.format("    %-10s %s%n", name, spec.lookup(v.getName())));
            }
        }
        return out.toString();
    }
}
