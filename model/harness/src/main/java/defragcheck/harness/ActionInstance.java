package defragcheck.harness;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import tla2sany.semantic.ExprOrOpArgNode;
import tla2sany.semantic.FormalParamNode;
import tla2sany.semantic.OpApplNode;
import tla2sany.semantic.OpDefNode;
import tla2sany.st.Location;
import tlc2.tool.Action;
import tlc2.tool.ITool;
import tlc2.tool.StateVec;
import tlc2.tool.TLCState;
import tlc2.value.impl.Value;

/**
 * The action that took one step, as the spec wrote it: its operator's name, the values of its
 * parameters ({@code BufferedWrite(f = "orig", lb = 1)}) and where the operator is defined.
 *
 * <p>TLC's trace only names the action ("&lt;BufferedWrite line 194 ... of module Environment&gt;");
 * the parameters are in the {@link Action}'s context, which TLC drops when it prints. So the step is
 * found again the way TLC found it ({@code Tool.getState}): the first of the spec's split actions
 * whose successors of the previous state include this state.
 *
 * @param name       the operator's name ("Init" for an initial state)
 * @param parameters each formal parameter and its value as TLA+ text, in declaration order
 * @param module     the module that defines the operator, or null when unknown
 * @param line       the line of the definition in that module, or 0 when unknown
 */
public record ActionInstance(String name, Map<String, String> parameters, String module, int line) {
    public ActionInstance {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public static ActionInstance named(String name) {
        return new ActionInstance(name, Map.of(), null, 0);
    }

    /** {@code BufferedWrite(f = "orig", lb = 1)}, or just the name for an action without parameters. */
    public String label() {
        if (parameters.isEmpty()) return name;
        return name + parameters.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
                .collect(Collectors.joining(", ", "(", ")"));
    }

    /** The action of {@code tool}'s next-state relation that leads from {@code from} to {@code to}, or null. */
    static ActionInstance resolve(ITool tool, TLCState from, TLCState to) {
        long target = to.fingerPrint();
        for (Action action : tool.getActions()) {
            StateVec next;
            try {
                next = tool.getNextStates(action, from);
            } catch (RuntimeException e) {
                continue;  // an action TLC itself could not evaluate here did not take this step
            }
            for (int i = 0; i < next.size(); i++) {
                if (next.elementAt(i).fingerPrint() == target) return of(tool, action);
            }
        }
        return null;
    }

    /** The definition {@code name} of the root module, for the initial state. */
    static ActionInstance definition(ITool tool, String name) {
        for (OpDefNode def : tool.getRootModule().getOpDefs()) {
            if (def.getName().toString().equals(name)) return new ActionInstance(name, Map.of(), module(def), line(def));
        }
        return named(name);
    }

    private static ActionInstance of(ITool tool, Action action) {
        OpDefNode def = action.getOpDef();
        if (def == null) return named(ResultBuilder.actionName(action.getLocation()));
        Map<String, String> parameters = new LinkedHashMap<>();
        FormalParamNode[] formals = def.getParams();
        // TLC binds the parameters in the context when the arguments are constant; otherwise the
        // action is the application itself and its arguments are evaluated (or named) here.
        ExprOrOpArgNode[] args = action.pred instanceof OpApplNode appl && appl.getOperator() == def ? appl.getArgs() : null;
        for (int i = 0; i < formals.length; i++) {
            Object bound = action.con.lookup(formals[i]);
            String text;
            if (bound instanceof Value v) text = StateDiff.text(v);
            else if (args != null && i < args.length) text = argument(tool, action, args[i]);
            else text = "?";
            parameters.put(formals[i].getName().toString(), text);
        }
        return new ActionInstance(def.getName().toString(), parameters, module(def), line(def));
    }

    private static String argument(ITool tool, Action action, ExprOrOpArgNode arg) {
        if (arg.getLevel() == 0) {
            try {
                return StateDiff.text((Value) tool.eval(arg, action.con, TLCState.Empty));
            } catch (RuntimeException e) {
                // fall through to the argument's name
            }
        }
        if (arg instanceof OpApplNode a && a.getArgs().length == 0) return a.getOperator().getName().toString();
        return "…";
    }

    private static String module(OpDefNode def) {
        Location at = def.getLocation();
        return at == null || at == Location.nullLoc ? null : at.source();
    }

    private static int line(OpDefNode def) {
        Location at = def.getLocation();
        return at == null || at == Location.nullLoc ? 0 : at.beginLine();
    }
}
