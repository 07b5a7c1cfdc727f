package defragcheck.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The rounds of one layout: each contender's MiB/s per round, the paired per-round ratios and
 * their medians. Absolute MiB/s drift 2-4x between runs on a shared VM, so only ratios of
 * measurements taken in the same round are compared.
 */
public final class RoundTable {
    private final String layout;
    private final List<String> contenders;
    private final List<Ratio> ratios;
    private final List<Map<String, Measurement>> rounds = new ArrayList<>();

    public RoundTable(String layout, List<String> contenders, List<Ratio> ratios) {
        this.layout = layout;
        this.contenders = List.copyOf(contenders);
        this.ratios = List.copyOf(ratios);
    }

    /** Records one round; a contender that did not run (e4defrag where unavailable) simply has no entry. */
    public void add(Map<String, Measurement> round) {
        rounds.add(new LinkedHashMap<>(round));
    }

    public String layout() {
        return layout;
    }

    public List<Map<String, Measurement>> rounds() {
        return List.copyOf(rounds);
    }

    /** The ratio in one round, absent when either side was not measured in it. */
    public OptionalDouble ratio(int round, Ratio r) {
        Measurement n = rounds.get(round).get(r.numerator()), d = rounds.get(round).get(r.denominator());
        return n == null || d == null ? OptionalDouble.empty() : OptionalDouble.of(n.mibPerSecond() / d.mibPerSecond());
    }

    /** Median over the rounds in which both sides were measured. */
    public OptionalDouble median(Ratio r) {
        return median(valuesOf(r));
    }

    public OptionalDouble medianMibPerSecond(String contender) {
        return median(rounds.stream().filter(m -> m.containsKey(contender)).mapToDouble(m -> m.get(contender).mibPerSecond()).toArray());
    }

    private double[] valuesOf(Ratio r) {
        List<Double> v = new ArrayList<>();
        for (int i = 0; i < rounds.size(); i++) {
            ratio(i, r).ifPresent(v::add);
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static OptionalDouble median(double[] values) {
        if (values.length == 0) {
            return OptionalDouble.empty();
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return OptionalDouble.of(s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2);
    }

    /** A plain-text table: one row per round (MiB/s per contender, then the ratios), then the medians. */
    public String render() {
        StringBuilder out = new StringBuilder("layout " + layout + "\n");
        List<String> header = new ArrayList<>(List.of("round"));
        contenders.forEach(c -> header.add(c + " MiB/s"));
        ratios.forEach(r -> header.add(r.label()));
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        for (int i = 0; i < rounds.size(); i++) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(i + 1)));
            for (String c : contenders) {
                Measurement m = rounds.get(i).get(c);
                row.add(m == null ? "-" : fmt(m.mibPerSecond(), 1) + (m.sound() ? "" : " BAD"));
            }
            for (Ratio r : ratios) {
                OptionalDouble v = ratio(i, r);
                row.add(v.isPresent() ? fmt(v.getAsDouble(), 2) : "-");
            }
            rows.add(row);
        }
        List<String> medians = new ArrayList<>(List.of("median"));
        contenders.forEach(c -> medians.add(medianMibPerSecond(c).isPresent() ? fmt(medianMibPerSecond(c).getAsDouble(), 1) : "-"));
        ratios.forEach(r -> medians.add(median(r).isPresent() ? fmt(median(r).getAsDouble(), 2) : "-"));
        rows.add(medians);
        int[] width = new int[header.size()];
        rows.forEach(row -> { for (int c = 0; c < row.size(); c++) width[c] = Math.max(width[c], row.get(c).length()); });
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                out.append(c == 0 ? "" : "  ").append(String.format("%" + width[c] + "s", row.get(c)));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
