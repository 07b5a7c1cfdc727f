package defragcheck.conformance;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Coverage-directed spec-to-implementation replay: behaviours planned on the model's full state graph
 * ({@link StateGraph#planWalk}) towards states no replay has visited yet, each replayed on a fresh image and
 * checked state by state. Counts the distinct spec states visited and the steps per action.
 */
public final class CoverageRun {
    /**
     * What the replays covered of one model: {@code specActions} are the actions of its reachable state graph,
     * {@code actions} the steps replayed per action; {@code mismatch} is the first non-conformance, or null.
     */
    public record Report(String model, int states, int visited, Set<String> specActions, Map<String, Integer> actions, int walks,
            int steps, Replayer.Mismatch mismatch) {
        public double fraction() {
            return visited / (double) states;
        }

        @Override
        public String toString() {
            return String.format("%-16s %6d / %6d states (%5.1f%%) in %5d replays, %6d steps; actions %s", model, visited,
                    states, 100 * fraction(), walks, steps, actions);
        }
    }

    private CoverageRun() {}

    /**
     * Replays planned behaviours (seeded by {@code seed}) until {@code target} of the states are visited, or
     * {@code maxWalks} replays, or a replay does not conform.
     */
    public static Report run(SpecModel spec, long seed, double target, int maxWalks, int maxLength) throws IOException {
        StateGraph graph = StateGraph.explore(spec);
        ModelConstants constants = ModelConstants.of(spec);
        Set<Long> visited = new HashSet<>();
        visited.add(spec.init().fingerPrint());
        Map<String, Integer> actions = new TreeMap<>();
        Random rnd = new Random(seed);
        int walks = 0;
        int steps = 0;
        while (walks < maxWalks && visited.size() < target * graph.size()) {
            List<SpecModel.Step> walk = graph.planWalk(visited, rnd, maxLength);
            if (walk == null) {
                break;
            }
            walks++;
            try (ImplRig rig = ImplRig.create(constants, Models.imageDir(), Set.of())) {
                Replayer.Result r = Replayer.replay(spec, walk, rig);
                steps += r.steps();
                if (!r.conforms()) {
                    return new Report(spec.model().name(), graph.size(), visited.size(), graph.actions(), actions, walks, steps,
                            r.mismatch());
                }
            }
            visited.addAll(graph.statesOf(walk));
            for (SpecModel.Step st : walk) {
                actions.merge(st.name(), 1, Integer::sum);
            }
        }
        return new Report(spec.model().name(), graph.size(), visited.size(), graph.actions(), actions, walks, steps, null);
    }
}
