package defragcheck.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tla2sany.semantic.OpDeclNode;
import tlc2.output.EC;
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

    static CheckResult build(Model model, int code, Duration wall, RunRecorder rec, String output,
            List<String> undeclared) {
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
                counterexample(rec), output);
    }

    private static Counterexample counterexample(RunRecorder rec) {
        if (rec.trace.isEmpty()) return Counterexample.NONE;
        OpDeclNode[] vars = declarationOrder(TLCState.vars);
        List<TraceState> states = new ArrayList<>();
        TLCState previous = null;
        for (TLCStateInfo info : rec.trace) {
            Map<String, String> values = new LinkedHashMap<>();
            List<Change> changes = new ArrayList<>();
            for (OpDeclNode var : vars) {
                String name = var.getName().toString();
                Value now = (Value) info.state.lookup(var.getName());
                values.put(name, StateDiff.text(now));
                if (previous == null) changes.add(new Change(name, StateDiff.text(now)));
                else changes.addAll(StateDiff.changes(name, (Value) previous.lookup(var.getName()), now));
            }
            int number = (int) info.stateNumber > 0 ? (int) info.stateNumber : states.size() + 1;
            states.add(new TraceState(number, previous == null ? "Init" : actionName(info.info), values, changes));
            previous = info.state;
        }
        Integer loopBackTo = null;
        String loopAction = null;
        if (rec.loopBackTo != null) {
            loopBackTo = Integer.valueOf(rec.loopBackTo.replace(",", "").trim());
            loopAction = actionName(rec.loopBackAction);
        }
        return new Counterexample(states, loopBackTo, loopAction, rec.stutters);
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
