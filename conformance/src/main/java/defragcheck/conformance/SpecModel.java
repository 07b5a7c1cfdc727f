package defragcheck.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

import defragcheck.harness.Model;
import defragcheck.harness.TlcRunner;
import defragcheck.harness.TlcStatics;
import tla2sany.semantic.ModuleNode;
import tla2sany.semantic.OpDeclNode;
import tla2sany.semantic.OpDefNode;
import tlc2.tool.Action;
import tlc2.tool.EvalControl;
import tlc2.tool.StateVec;
import tlc2.tool.TLCState;
import tlc2.tool.impl.FastTool;
import tlc2.util.Context;
import tlc2.util.FP64;
import tlc2.value.IValue;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.Value;

/**
 * One model loaded into TLC's FastTool: the step oracle and state generator of the conformance tests. Only one spec
 * can be live per class loader and any TLC run in between invalidates it (TLC's static state is the last spec's):
 * load a model again after {@link TlcRunner#check}. Every state handed out is fingerprinted at once (a state
 * fingerprinted later, after another spec was loaded, would get a wrong fingerprint).
 */
public final class SpecModel {
    /**
     * A step of the spec from {@code from} to {@code state} by a sub-action: its name and \E-bound parameters.
     * TLC splits Next only on \E over constant sets, so the steps quantified over state (DioComplete(r),
     * DioReadComplete(r), Writeback(k), ReclaimPage(k)) arrive as a sub-action named after the next-state
     * relation they sit in (EnvNext, or Next in a crash model): the step itself says which and with what. A step an
     * ablation model replaces by {@code Skip(d, this, next)} is named after the step it stands in for ({@code this}).
     */
    public record Step(Action action, TLCState from, TLCState state) {
        /** The sub-actions that group the steps quantified over state. */
        private static final Set<String> GROUPS = Set.of("EnvNext", "Next");

        public String name() {
            String n = action.getName().toString();
            if (n.equals("Skip")) {
                return ((StringValue) param("this")).getVal().toString();
            }
            if (!GROUPS.contains(n)) {
                return n;
            }
            if (!from.lookup("dio").equals(state.lookup("dio"))) {
                return "DioComplete";
            }
            if (!from.lookup("dior").equals(state.lookup("dior"))) {
                return "DioReadComplete";
            }
            return cacheKeys(state).length < cacheKeys(from).length ? "ReclaimPage" : "Writeback";
        }

        /**
         * The parameter {@code name}: "f", "lb", "d" from the sub-action; "r" (the completed direct write or read)
         * and "k" (the page written back or reclaimed) from the step.
         */
        public IValue param(String name) {
            if (name.equals("r")) {
                String set = name().equals("DioReadComplete") ? "dior" : "dio";
                return only(minus(from.lookup(set), state.lookup(set)));
            }
            if (name.equals("k")) {
                FcnRcdValue before = (FcnRcdValue) ((Value) from.lookup("cache")).toFcnRcd();
                FcnRcdValue after = (FcnRcdValue) ((Value) state.lookup("cache")).toFcnRcd();
                for (int i = 0; i < before.domain.length; i++) {
                    Value now = after.select(before.domain[i]);
                    if (now == null || !before.values[i].equals(now)) {
                        return before.domain[i];
                    }
                }
                throw new IllegalStateException("no page written back or reclaimed in " + action.getName());
            }
            return (IValue) action.con.lookup(sym -> sym.getName().toString().equals(name));
        }

        public String label() {
            String n = name();
            if (n.equals("DioComplete") || n.equals("DioReadComplete")) {
                return n + "(" + param("r") + ")";
            }
            if (n.equals("Writeback") || n.equals("ReclaimPage")) {
                return n + "(" + param("k") + ")";
            }
            IValue d = param("d");
            if (d != null) {
                return n + "(" + d + ")";
            }
            IValue f = param("f");
            IValue lb = param("lb");
            return f == null ? n : n + "(" + f + (lb == null ? "" : ", " + lb) + ")";
        }

        private static Value[] cacheKeys(TLCState s) {
            return ((FcnRcdValue) ((Value) s.lookup("cache")).toFcnRcd()).domain;
        }

        private static Value minus(IValue a, IValue b) {
            List<Value> out = new ArrayList<>();
            for (Value v : ((SetEnumValue) ((Value) a).toSetEnum()).elems.toArray()) {
                if (!((Value) b).member(v)) {
                    out.add(v);
                }
            }
            return out.size() == 1 ? out.get(0) : null;
        }

        private static IValue only(Value v) {
            if (v == null) {
                throw new IllegalStateException("not one direct I/O completed");
            }
            return v;
        }
    }

    private final Model model;
    private final FastTool tool;
    private final Action[] actions;
    private final Action[] invariants;
    private final String[] invariantNames;

    private SpecModel(Model model) {
        this.model = model;
        TlcStatics.reset();
        FP64.Init(0);
        this.tool = new FastTool(model.tla().getParent().toString(), model.module(), model.name(), TlcRunner.resolver(model));
        this.actions = tool.getActions();
        this.invariants = tool.getInvariants();
        this.invariantNames = tool.getInvNames();
    }

    public static SpecModel load(Model model) {
        return new SpecModel(model);
    }

    public Model model() {
        return model;
    }

    /** The sub-actions of Next (split on top-level \/ and \E). */
    public List<Action> actions() {
        return List.of(actions);
    }

    /** The names of the modules the model is built from (its own, the protocol's, Environment, ...). */
    public Set<String> modules() {
        Set<String> names = new java.util.TreeSet<>();
        for (ModuleNode m : tool.getSpecProcessor().getModuleTbl().getModuleNodes()) {
            names.add(m.getName().toString());
        }
        return names;
    }

    /**
     * The definitions the cfg replaces by another of the model's (e.g. {@code DrainDio <- SkipDrainDio}): the name
     * replaced and its replacement. Constant substitutions ({@code Inodes <- OrigDonor}) are not among them.
     */
    public Map<String, String> overrides() {
        Set<String> constants = new java.util.HashSet<>();
        for (OpDeclNode c : tool.getRootModule().getConstantDecls()) {
            constants.add(c.getName().toString());
        }
        Map<String, String> out = new java.util.TreeMap<>(tool.getModelConfig().getOverrides());
        out.keySet().removeAll(constants);
        return out;
    }

    public TLCState init() {
        StateVec inits = tool.getInitStates();
        if (inits.size() != 1) {
            throw new IllegalStateException(model.name() + ": " + inits.size() + " initial states, expected 1");
        }
        TLCState s = inits.elementAt(0);
        s.fingerPrint();
        return s;
    }

    /** Every successor of {@code s} with the sub-action that produces it (stutter steps included, e.g. Terminated). */
    public List<Step> successors(TLCState s) {
        List<Step> out = new ArrayList<>();
        for (Action a : actions) {
            StateVec next = tool.getNextStates(a, s);
            for (int i = 0; i < next.size(); i++) {
                TLCState t = next.elementAt(i);
                t.fingerPrint();
                out.add(new Step(a, s, t));
            }
        }
        return out;
    }

    /** The sub-actions of which {@code (s, t)} is a step (empty: no step of Next). */
    public List<String> explain(TLCState s, TLCState t) {
        List<String> names = new ArrayList<>();
        for (Action a : actions) {
            if (tool.isValid(a, s, t)) {
                names.add(new Step(a, s, t).label());
            }
        }
        return names;
    }

    /** The names of the cfg's invariants, in its order. */
    public List<String> invariantNames() {
        return List.of(invariantNames);
    }

    /** The names of the cfg's invariants {@code s} violates. */
    public List<String> violatedInvariants(TLCState s) {
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < invariants.length; i++) {
            if (!tool.isValid(invariants[i], s)) {
                bad.add(invariantNames[i]);
            }
        }
        return bad;
    }

    /** The value of the constant or 0-ary definition {@code name} (e.g. "LBlocks", "DAX", "Writers", "Plan"). */
    public IValue value(String name) {
        for (OpDeclNode c : tool.getRootModule().getConstantDecls()) {
            if (c.getName().toString().equals(name)) {
                Object v = tool.lookup(c);
                return v instanceof OpDefNode def ? evalDef(def) : (IValue) v;
            }
        }
        for (OpDefNode d : tool.getRootModule().getOpDefs()) {
            if (d.getName().toString().equals(name) && d.getArity() == 0) {
                return evalDef(d);
            }
        }
        throw new IllegalArgumentException(model.name() + ": no constant or definition " + name);
    }

    private IValue evalDef(OpDefNode def) {
        return tool.eval(def.getBody(), Context.Empty, TLCState.Empty, TLCState.Empty, EvalControl.Clear);
    }

    /**
     * A random behaviour of at most {@code length} steps from Init, uniform over the successors of each state
     * (stopping early where there is none). Reproducible for a given seed within one JVM.
     */
    public List<Step> walk(long seed, int length) {
        Random rnd = new Random(seed);
        List<Step> out = new ArrayList<>();
        TLCState s = init();
        for (int i = 0; i < length; i++) {
            List<Step> next = successors(s);
            if (next.isEmpty()) {
                break;
            }
            Step chosen = next.get(rnd.nextInt(next.size()));
            out.add(chosen);
            s = chosen.state();
        }
        return out;
    }

    /** The first sequence of steps from Init whose states satisfy {@code matches} one after the other. */
    public List<Step> followStates(List<Predicate<TLCState>> matches) {
        List<Step> out = new ArrayList<>();
        TLCState s = init();
        for (Predicate<TLCState> m : matches) {
            Step found = null;
            for (Step st : successors(s)) {
                if (m.test(st.state())) {
                    found = st;
                    break;
                }
            }
            if (found == null) {
                throw new IllegalStateException(model.name() + ": no successor of state " + (out.size() + 1) + " matches the trace");
            }
            out.add(found);
            s = found.state();
        }
        return out;
    }

    @Override
    public String toString() {
        return model.name() + " " + Arrays.toString(invariantNames);
    }
}
