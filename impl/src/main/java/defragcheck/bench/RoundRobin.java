package defragcheck.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the contenders interleaved: in every round of a layout each contender runs once, in an
 * order rotated by the round so none is always first (or always after the same neighbour). A
 * contender whose run is shorter than the minimum timed duration repeats on fresh files until it
 * reaches it: a 0.2 s copy is otherwise at the mercy of one flush of the host's write cache.
 */
public final class RoundRobin {
    /** Enough to average over host hiccups, few enough to keep a round short. */
    static final int MAX_RUNS = 5;

    private RoundRobin() {}

    /** One table per layout, in the order of {@code chunks}; each measurement is also printed as it lands. */
    public static List<RoundTable> run(List<Contender> contenders, List<Integer> chunks, int rounds, long minTimedNanos,
                                       List<Ratio> ratios, PrintStream out) throws IOException {
        List<String> names = contenders.stream().map(Contender::name).toList();
        List<RoundTable> tables = new ArrayList<>();
        long generation = 0;
        for (int chunk : chunks) {
            String layout = BenchOptions.label(chunk);
            RoundTable table = new RoundTable(layout, names, ratios);
            for (int r = 0; r < rounds; r++) {
                Map<String, Measurement> round = new LinkedHashMap<>();
                for (int k = 0; k < contenders.size(); k++) {
                    Contender c = contenders.get((k + r) % contenders.size());
                    Measurement m = c.run(chunk, ++generation);
                    int runs = 1;
                    for (; m.nanos() < minTimedNanos && runs < MAX_RUNS; runs++) {
                        m = m.plus(c.run(chunk, ++generation));
                    }
                    round.put(c.name(), m);
                    out.printf(Locale.ROOT, "%s round %d %-8s %8.1f MiB/s  %6.2f s in %d run%s  extents %d -> %d  %s%n", layout, r + 1,
                            c.name(), m.mibPerSecond(), m.nanos() / 1e9, runs, runs == 1 ? "" : "s", m.extentsBefore(), m.extentsAfter(),
                            m.check());
                    out.flush();
                }
                table.add(round);
            }
            tables.add(table);
        }
        return tables;
    }
}
