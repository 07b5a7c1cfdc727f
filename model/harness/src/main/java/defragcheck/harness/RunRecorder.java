package defragcheck.harness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tlc2.output.EC;
import tlc2.output.MPRecorder;
import tlc2.tool.TLCStateInfo;

/** Receives every message TLC emits during one run (from any worker thread) and keeps what a result needs. */
final class RunRecorder extends MPRecorder {
    /** A message as TLC sent it: its code (tlc2.output.EC) and parameters. */
    record Message(int code, List<Object> params) {}

    long generated = -1;
    long distinct = -1;
    long depth = -1;
    String violated;
    final List<TLCStateInfo> trace = new ArrayList<>();
    /** For a lasso: TLC's "Back to state N: <Action ...>" as (N, action label). */
    String loopBackTo;
    String loopBackAction;
    boolean stutters;
    final List<Message> messages = new ArrayList<>();

    @Override
    public synchronized void record(int code, Object... params) {
        messages.add(new Message(code, Arrays.asList(params)));
        switch (code) {
            case EC.TLC_STATS -> {
                generated = number(params[0]);
                distinct = number(params[1]);
            }
            case EC.TLC_SEARCH_DEPTH -> depth = number(params[0]);
            case EC.TLC_INVARIANT_VIOLATED_BEHAVIOR, EC.TLC_INVARIANT_VIOLATED_INITIAL,
                    EC.TLC_ACTION_PROPERTY_VIOLATED_BEHAVIOR -> violated = String.valueOf(params[0]);
            case EC.TLC_STATE_PRINT1, EC.TLC_STATE_PRINT2 -> {
                if (params.length > 0 && params[0] instanceof TLCStateInfo info) trace.add(info);
            }
            case EC.TLC_STATE_PRINT3 -> stutters = true;
            case EC.TLC_BACK_TO_STATE -> {
                loopBackTo = params.length > 0 ? String.valueOf(params[0]) : null;
                loopBackAction = params.length > 1 ? String.valueOf(params[1]) : null;
            }
            default -> { }
        }
    }

    private static long number(Object o) {
        return Long.parseLong(String.valueOf(o).replace(",", "").trim());
    }
}
