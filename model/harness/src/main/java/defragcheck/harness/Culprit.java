package defragcheck.harness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tla2sany.semantic.ExprOrOpArgNode;
import tla2sany.semantic.FormalParamNode;
import tla2sany.semantic.LabelNode;
import tla2sany.semantic.LetInNode;
import tla2sany.semantic.OpApplNode;
import tla2sany.semantic.OpDefNode;
import tla2sany.semantic.SemanticNode;
import tla2sany.semantic.Subst;
import tla2sany.semantic.SubstInNode;
import tlc2.tool.Action;
import tlc2.tool.BuiltInOPs;
import tlc2.tool.EvalControl;
import tlc2.tool.IContextEnumerator;
import tlc2.tool.ITool;
import tlc2.tool.TLCState;
import tlc2.tool.ToolGlobals;
import tlc2.tool.coverage.CostModel;
import tlc2.util.Context;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.LazyValue;
import tlc2.value.impl.Value;

/**
 * Where a violated invariant fails in the final state: the values of its {@code \A}-bound names for
 * which its body is FALSE, as TLC evaluates them ({@code f = "orig", lb = 1} for {@code Integrity}).
 * The invariant is walked through its conjunctions, implications whose premise holds, quantifiers and
 * the definitions it uses, descending only into the parts TLC finds FALSE; a page highlights the
 * file and block each binding names.
 *
 * @param conjunct the definition whose part fails (the innermost named operator on the way down)
 * @param bindings each bound name and its value as TLA+ text, outermost first
 * @param evidence the false formula's operands and their values there ({@code Readable(f, lb) = {Garbage}})
 * @param module   the module of the false formula, or null
 * @param line     its line there, or 0
 */
public record Culprit(String conjunct, Map<String, String> bindings, Map<String, String> evidence, String module, int line) {
    public Culprit {
        bindings = Collections.unmodifiableMap(new LinkedHashMap<>(bindings));
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }

    /** {@code f = "orig", lb = 1}. */
    public String label() {
        List<String> parts = new ArrayList<>();
        bindings.forEach((k, v) -> parts.add(k + " = " + v));
        return String.join(", ", parts);
    }

    private static final int MAX_DEPTH = 24;
    private static final int MAX_CULPRITS = 32;

    /** The culprits of {@code invariant} in {@code state}, or an empty list if none can be named. */
    static List<Culprit> of(ITool tool, String invariant, TLCState state) {
        String[] names = tool.getInvNames();
        Action[] invariants = tool.getInvariants();
        List<Culprit> out = new ArrayList<>();
        for (int i = 0; i < names.length && i < invariants.length; i++) {
            if (names[i].equals(invariant)) {
                new Walk(tool, state, out).walk(invariants[i].pred, invariants[i].con, invariant, new LinkedHashMap<>(), 0);
                break;
            }
        }
        return List.copyOf(out);
    }

    private static final class Walk {
        private final ITool tool;
        private final TLCState state;
        private final List<Culprit> out;
        /** The innermost formula found FALSE under the quantifier being walked, and its context. */
        private SemanticNode deepest;
        private Context deepestContext;

        Walk(ITool tool, TLCState state, List<Culprit> out) {
            this.tool = tool;
            this.state = state;
            this.out = out;
        }

        /** Adds the culprits under {@code node}, which is known (or assumed) to be FALSE in {@code con}. */
        void walk(SemanticNode node, Context con, String named, Map<String, String> bound, int depth) {
            if (depth > MAX_DEPTH || out.size() >= MAX_CULPRITS) return;
            if (node instanceof LetInNode let) {
                walk(let.getBody(), con, named, bound, depth + 1);
            } else if (node instanceof LabelNode label) {
                walk((SemanticNode) label.getBody(), con, named, bound, depth + 1);
            } else if (node instanceof SubstInNode subst) {
                // An INSTANCE's definitions: bind its substitutions as TLC does when it evaluates.
                Context inner = con;
                for (Subst s : subst.getSubsts()) inner = inner.cons(s.getOp(), new LazyValue(s.getExpr(), con, CostModel.DO_NOT_RECORD));
                walk(subst.getBody(), inner, named, bound, depth + 1);
            } else if (node instanceof OpApplNode appl) {
                application(appl, con, named, bound, depth);
            }
        }

        private void application(OpApplNode appl, Context con, String named, Map<String, String> bound, int depth) {
            ExprOrOpArgNode[] args = appl.getArgs();
            int opcode = BuiltInOPs.getOpCode(appl.getOperator().getName());
            if (opcode == 0 && tool.lookup(appl.getOperator(), con, false) instanceof OpDefNode def
                    && BuiltInOPs.getOpCode(def.getName()) == 0 && def.getBody() != null) {
                FormalParamNode[] formals = def.getParams();
                if (formals.length != args.length) return;
                Context inner = con;
                for (int i = 0; i < formals.length; i++) inner = inner.cons(formals[i], new LazyValue(args[i], con, CostModel.DO_NOT_RECORD));
                walk(def.getBody(), inner, def.getName().toString(), bound, depth + 1);
                return;
            }
            switch (opcode) {
                case ToolGlobals.OPCODE_cl, ToolGlobals.OPCODE_land -> {
                    for (ExprOrOpArgNode a : args) if (isFalse(a, con)) walk(a, con, named, bound, depth + 1);
                }
                case ToolGlobals.OPCODE_implies -> {
                    if (isFalse(args[1], con)) walk(args[1], con, named, bound, depth + 1);
                }
                case ToolGlobals.OPCODE_bf -> forall(appl, con, named, bound, depth);
                default -> {
                    deepest = appl;
                    deepestContext = con;
                }
            }
        }

        private void forall(OpApplNode appl, Context con, String named, Map<String, String> bound, int depth) {
            FormalParamNode[][] symbols = appl.getBdedQuantSymbolLists();
            SemanticNode body = appl.getArgs()[0];
            IContextEnumerator contexts;
            try {
                contexts = tool.contexts(appl, con, state, TLCState.Empty, EvalControl.Clear);
            } catch (RuntimeException e) {
                return;
            }
            Context c;
            while ((c = contexts.nextElement()) != null && out.size() < MAX_CULPRITS) {
                if (!isFalse(body, c)) continue;
                Map<String, String> inner = new LinkedHashMap<>(bound);
                for (FormalParamNode[] list : symbols) {
                    for (FormalParamNode p : list) {
                        if (c.lookup(p) instanceof Value v) inner.put(p.getName().toString(), StateDiff.text(v));
                    }
                }
                int before = out.size();
                deepest = null;
                walk(body, c, named, inner, depth + 1);
                if (out.size() == before) out.add(deepest != null ? leaf(deepest, deepestContext, named, inner) : leaf(body, c, named, inner));
                deepest = null;
            }
        }

        /** The culprit whose formula {@code node} is false in {@code con}: its operands and their values as evidence. */
        private Culprit leaf(SemanticNode node, Context con, String named, Map<String, String> bound) {
            Map<String, String> evidence = new LinkedHashMap<>();
            SemanticNode formula = node;
            while (formula instanceof LabelNode l) formula = (SemanticNode) l.getBody();
            if (formula instanceof OpApplNode appl && BuiltInOPs.getOpCode(appl.getOperator().getName()) != 0) {
                for (ExprOrOpArgNode arg : appl.getArgs()) {
                    try {
                        Object v = tool.eval(arg, con, state, TLCState.Empty, EvalControl.Clear);
                        String text = FormulaText.of(arg);
                        // A constant operand ("Garbage = Garbage") tells nothing.
                        if (v instanceof Value value && !text.equals(StateDiff.text(value))) evidence.put(text, StateDiff.text(value));
                    } catch (RuntimeException e) {
                        // an operand TLC cannot evaluate alone: left out of the evidence
                    }
                }
            }
            tla2sany.st.Location at = formula.getLocation();
            boolean located = at != null && at != tla2sany.st.Location.nullLoc;
            return new Culprit(named, bound, evidence, located ? at.source() : null, located ? at.beginLine() : 0);
        }

        private boolean isFalse(SemanticNode node, Context con) {
            try {
                Object v = tool.eval(node, con, state, TLCState.Empty, EvalControl.Clear);
                return v instanceof BoolValue bv && !bv.val;
            } catch (RuntimeException e) {
                return false;  // not a boolean TLC can evaluate here: nothing to blame below it
            }
        }
    }
}
