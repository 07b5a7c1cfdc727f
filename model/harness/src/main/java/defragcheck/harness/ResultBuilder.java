package defragcheck.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tla2sany.semantic.OpDeclNode;
import tlc2.output.EC;
import tlc2.tool.ITool;
import tlc2.tool.TLCState;
import tlc2.tool.TLCStateInfo;
import tlc2.value.impl.Value;

/** Turns what TLC reported during one run into an immutable {@link CheckResult}. */
final class ResultBuilder {
    /** TLC labels a trace state {@code <Action line L, col C to ... of module M>}; the first one {@code <Initial predicate>}. */
    private static final Pattern ACTION = Pattern.compile("^<?\\s*([A-Za-z0-9_!]+)");

    private ResultBuilder() {}

    static CheckResult error(Model model, String message) {
        return new CheckResult(model, Verdict.ERROR, null, -1, -1, -1, Duration.ZERO, EC.GENERAL, message,
                Counterexample.NONE, "");
    }

    /**
     * @param tool the checker's tool while its run's static state is still live (before the next run),
     *             to name each step's parameters and the violated invariant's culprits; null if none
     */
    static CheckResult build(Model model, int code, Duration wall, RunRecorder rec, String output,
            List<String> undeclared, ITool tool) {
        if (!undeclared.isEmpty()) {
            String name = undeclared.get(0);
            // TLC checked a model other than the one the cfg spells out: its counts mean nothing here.
            return new CheckResult(model, Verdict.ERROR, null, -1, -1, -1, wall, code,
                    ErrorLine.located(model.cfg(), name, name + " is neither a CONSTANT nor a definition of the specification"),
                    Counterexample.NONE, output);
        }
        Verdict verdict = Verdict.fromExitStatus(EC.ExitStatus.errorConstantToExitStatus(code));
        String violated = switch (verdict) {
            case SAFETY_FAILURE -> rec.violated;
            case LIVENESS_FAILURE -> LivenessProperty.name(model);
            default -> null;
        };
        String error = verdict == Verdict.ERROR ? ErrorLine.of(model, rec, output) : null;
        return new CheckResult(model, verdict, violated, rec.generated, rec.distinct, rec.depth, wall, code, error,
                counterexample(rec, tool, verdict == Verdict.SAFETY_FAILURE ? violated : null), output);
    }

    private static Counterexample counterexample(RunRecorder rec, ITool tool, String invariant) {
        if (rec.trace.isEmpty()) return Counterexample.NONE;
        OpDeclNode[] vars = declarationOrder(TLCState.vars);
        List<TraceState> states = new ArrayList<>();
        TLCState previous = null;
        for (TLCStateInfo info : rec.trace) {
            Map<String, String> values = new LinkedHashMap<>();
            Map<String, JsonNode> itf = new LinkedHashMap<>();
            List<Change> changes = new ArrayList<>();
            for (OpDeclNode var : vars) {
                String name = var.getName().toString();
                Value now = (Value) info.state.lookup(var.getName());
                values.put(name, StateDiff.text(now));
                itf.put(name, ItfValue.of(now));
                if (previous == null) changes.add(new Change(name, StateDiff.text(now)));
                else changes.addAll(StateDiff.changes(name, (Value) previous.lookup(var.getName()), now));
            }
            int number = (int) info.stateNumber > 0 ? (int) info.stateNumber : states.size() + 1;
            String action = previous == null ? "Init" : actionName(info.info);
            ActionInstance step = tool == null ? null
                    : previous == null ? ActionInstance.definition(tool, "Init") : resolved(tool, previous, info.state, action);
            states.add(new TraceState(number, action, values, changes, step, itf));
            previous = info.state;
        }
        Integer loopBackTo = null;
        String loopAction = null;
        ActionInstance loopStep = null;
        if (rec.loopBackTo != null) {
            loopBackTo = Integer.valueOf(rec.loopBackTo.replace(",", "").trim());
            loopAction = actionName(rec.loopBackAction);
            if (tool != null && loopBackTo >= 1 && loopBackTo <= rec.trace.size()) {
                loopStep = resolved(tool, previous, rec.trace.get(loopBackTo - 1).state, loopAction);
            }
        }
        List<Culprit> culprits = List.of();
        if (tool != null && invariant != null && previous != null) {
            try {
                culprits = Culprit.of(tool, invariant, previous);
            } catch (RuntimeException e) {
                // TLC could not evaluate a part of it here: the page names the invariant without a culprit
            }
        }
        return new Counterexample(states, loopBackTo, loopAction, rec.stutters, loopStep, culprits);
    }

    /** The step's action with its parameters, if TLC finds it again under the name it printed. */
    private static ActionInstance resolved(ITool tool, TLCState from, TLCState to, String printed) {
        try {
            ActionInstance found = ActionInstance.resolve(tool, from, to);
            return found != null && found.name().equals(printed) ? found : ActionInstance.named(printed);
        } catch (RuntimeException e) {
            return ActionInstance.named(printed);
        }
    }

    /** TLC orders variables its own way; a reader expects the order of the VARIABLES declarations. */
    private static OpDeclNode[] declarationOrder(OpDeclNode[] vars) {
        OpDeclNode[] sorted = vars.clone();
        java.util.Arrays.sort(sorted, java.util.Comparator
                .comparing((OpDeclNode v) -> String.valueOf(v.getLocation().source()))
                .thenComparingInt(v -> v.getLocation().beginLine())
                .thenComparingInt(v -> v.getLocation().beginColumn()));
        return sorted;
    }

    static String actionName(Object info) {
        Matcher m = ACTION.matcher(String.valueOf(info));
        return m.find() ? m.group(1) : String.valueOf(info);
    }
}
