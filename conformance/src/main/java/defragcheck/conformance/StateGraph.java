package defragcheck.conformance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import tlc2.tool.TLCState;

/**
 * A model's whole reachable state graph, explored breadth-first through FastTool in this JVM (its fingerprints are
 * the distinct states TLC counts), used to measure and to steer coverage: {@link #planWalk} gives a behaviour from
 * Init through as many not yet visited states as it finds, so each replay visits at least one new state.
 * (TLC recomputes a state's fingerprint on every call: they are kept here.)
 */
public final class StateGraph {
    private record Edge(int from, int to, SpecModel.Step step) {}

    private final List<Long> fingerprint = new ArrayList<>();
    private final List<Integer> depth = new ArrayList<>();
    private final List<List<Edge>> in = new ArrayList<>();
    private final List<List<Edge>> out = new ArrayList<>();
    private final Map<Long, Integer> index = new HashMap<>();
    private final Set<String> actions = new TreeSet<>();

    private StateGraph(SpecModel spec) {
        List<TLCState> queue = new ArrayList<>();
        queue.add(spec.init());
        add(spec.init().fingerPrint(), 0);
        for (int i = 0; i < queue.size(); i++) {
            for (SpecModel.Step st : spec.successors(queue.get(i))) {
                long fp = st.state().fingerPrint();
                Integer j = index.get(fp);
                if (j == null) {
                    j = add(fp, depth.get(i) + 1);
                    queue.add(st.state());
                }
                actions.add(st.name());
                Edge e = new Edge(i, j, st);
                out.get(i).add(e);
                in.get(j).add(e);
            }
            queue.set(i, null);
        }
    }

    public static StateGraph explore(SpecModel spec) {
        return new StateGraph(spec);
    }

    private int add(long fp, int d) {
        int i = fingerprint.size();
        fingerprint.add(fp);
        depth.add(d);
        in.add(new ArrayList<>());
        out.add(new ArrayList<>());
        index.put(fp, i);
        return i;
    }

    public int size() {
        return fingerprint.size();
    }

    /** The names of the actions that take some reachable state somewhere: the ones a model's behaviours can use. */
    public Set<String> actions() {
        return Set.copyOf(actions);
    }

    /** The fingerprints of the states {@code walk} passes through (Init included). */
    public List<Long> statesOf(List<SpecModel.Step> walk) {
        List<Long> fps = new ArrayList<>();
        fps.add(fingerprint.get(0));
        for (SpecModel.Step st : walk) {
            fps.add(st.state().fingerPrint());
        }
        return fps;
    }

    /**
     * A behaviour through a random state not in {@code visited}: back to Init through unvisited predecessors one
     * level up where there are some, then forward through unvisited successors as far as they go (at most
     * {@code maxLength} steps in all), ending in the idle stutter where the model has one. Null when every state
     * is visited.
     */
    public List<SpecModel.Step> planWalk(Set<Long> visited, Random rnd, int maxLength) {
        List<Integer> unvisited = new ArrayList<>();
        for (int i = 0; i < fingerprint.size(); i++) {
            if (!visited.contains(fingerprint.get(i))) {
                unvisited.add(i);
            }
        }
        if (unvisited.isEmpty()) {
            return null;
        }
        int target = unvisited.get(rnd.nextInt(unvisited.size()));
        List<SpecModel.Step> walk = new ArrayList<>();
        Set<Integer> onWalk = new HashSet<>();
        int cur = target;
        onWalk.add(cur);
        while (cur != 0) {
            List<Edge> up = new ArrayList<>();
            List<Edge> upFresh = new ArrayList<>();
            for (Edge e : in.get(cur)) {
                if (depth.get(e.from()) == depth.get(cur) - 1) {
                    up.add(e);
                    if (!visited.contains(fingerprint.get(e.from()))) {
                        upFresh.add(e);
                    }
                }
            }
            List<Edge> from = upFresh.isEmpty() ? up : upFresh;
            Edge pick = from.get(rnd.nextInt(from.size()));
            walk.add(0, pick.step());
            cur = pick.from();
            onWalk.add(cur);
        }
        cur = target;
        while (walk.size() < maxLength) {
            List<Edge> fresh = new ArrayList<>();
            Edge stutter = null;
            for (Edge e : out.get(cur)) {
                if (e.to() == cur) {
                    stutter = e;
                } else if (!visited.contains(fingerprint.get(e.to())) && !onWalk.contains(e.to())) {
                    fresh.add(e);
                }
            }
            if (fresh.isEmpty()) {
                if (stutter != null) {
                    walk.add(stutter.step()); // the idle stutter (Terminated)
                }
                break;
            }
            Edge next = fresh.get(rnd.nextInt(fresh.size()));
            walk.add(next.step());
            cur = next.to();
            onWalk.add(cur);
        }
        return walk;
    }
}
