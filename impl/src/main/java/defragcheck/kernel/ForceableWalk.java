package defragcheck.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiPredicate;

import defragcheck.conformance.SpecModel;
import tlc2.tool.TLCState;

/**
 * A behaviour of a model drawn for a kernel schedule: a seeded uniform random walk over TLC's successors, choosing
 * only among the steps the schedule can force after the ones taken, up to the first Terminated step (the system
 * idles from there) or a bound.
 */
final class ForceableWalk {
    private static final int MAX_STEPS = 60;

    private ForceableWalk() {}

    static List<SpecModel.Step> draw(SpecModel spec, long seed, BiPredicate<List<SpecModel.Step>, SpecModel.Step> forceable) {
        Random rnd = new Random(seed);
        List<SpecModel.Step> walk = new ArrayList<>();
        TLCState s = spec.init();
        for (int i = 0; i < MAX_STEPS; i++) {
            List<SpecModel.Step> next = spec.successors(s).stream().filter(st -> forceable.test(walk, st)).toList();
            if (next.isEmpty()) {
                break;
            }
            SpecModel.Step chosen = next.get(rnd.nextInt(next.size()));
            if (chosen.name().equals("Terminated")) {
                break;
            }
            walk.add(chosen);
            s = chosen.state();
        }
        return walk;
    }
}
