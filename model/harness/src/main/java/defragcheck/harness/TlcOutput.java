package defragcheck.harness;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tlc2.output.EC;

/** The verdict, counts and depth a TLC JVM printed (the stock command line, or distributed TLC's server and workers). */
final class TlcOutput {
    private static final Pattern STATS = Pattern.compile("([\\d,]+) states generated, ([\\d,]+) distinct states found, ([\\d,]+) states left on queue");
    private static final Pattern DEPTH = Pattern.compile("The depth of the complete state graph search is (\\d+)");
    private static final Pattern INVARIANT = Pattern.compile("Error: Invariant (\\S+) is violated");

    private TlcOutput() {}

    /** The counterexample in the server's output: from "The behavior up to this point is:" to the worker statistics. */
    static String behaviour(String output) {
        int from = output.indexOf("Error: The behavior up to this point is:");
        if (from < 0) return "";
        int to = output.indexOf("\nWorker: ", from);
        return output.substring(from, to < 0 ? output.length() : to + 1);
    }

    /** The verdict, counts and depth in {@code output}. */
    static CheckResult result(Model model, String output, Duration wall) {
        long generated = -1;
        long distinct = -1;
        Matcher stats = STATS.matcher(output);
        while (stats.find()) {
            generated = Long.parseLong(stats.group(1).replace(",", ""));
            distinct = Long.parseLong(stats.group(2).replace(",", ""));
        }
        Matcher depth = DEPTH.matcher(output);
        long d = depth.find() ? Long.parseLong(depth.group(1)) : -1;
        Matcher inv = INVARIANT.matcher(output);
        Verdict verdict;
        String violated = null;
        int code;
        if (inv.find()) {
            verdict = Verdict.SAFETY_FAILURE;
            violated = inv.group(1);
            code = EC.TLC_INVARIANT_VIOLATED_BEHAVIOR;
        } else if (output.contains("Error: Deadlock reached")) {
            verdict = Verdict.DEADLOCK_FAILURE;
            code = EC.TLC_DEADLOCK_REACHED;
        } else if (output.contains("Error: The behavior up to this point is:")) {
            // The server prints the worker's counterexample but drops its message (TLCServerThread): no name.
            verdict = Verdict.UNNAMED_VIOLATION;
            code = EC.TLC_INVARIANT_VIOLATED_BEHAVIOR;
        } else if (output.contains("No error has been found") && distinct >= 0) {
            verdict = Verdict.SUCCESS;
            code = EC.NO_ERROR;
        } else {
            String error = output.lines().filter(l -> l.startsWith("Error:") || l.contains("Exception")).findFirst()
                    .orElse("the TLC server ended without a verdict");
            return new CheckResult(model, Verdict.ERROR, null, generated, distinct, d, wall, EC.GENERAL,
                    "distributed TLC: " + error.strip(), Counterexample.NONE, output);
        }
        return new CheckResult(model, verdict, violated, generated, distinct, d, wall, code, null, Counterexample.NONE, output);
    }
}
