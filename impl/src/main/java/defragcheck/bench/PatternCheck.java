package defragcheck.bench;

import java.util.EnumMap;
import java.util.Map;

/** Tally of a content verification: how many blocks came back as each BlockPattern verdict. */
public final class PatternCheck {
    private final Map<BlockPattern.Verdict, Long> counts = new EnumMap<>(BlockPattern.Verdict.class);
    private long firstBad = -1;

    public void add(long lblock, BlockPattern.Verdict v) {
        counts.merge(v, 1L, Long::sum);
        if (v != BlockPattern.Verdict.OK && firstBad < 0) {
            firstBad = lblock;
        }
    }

    /** The tally of both checks (first bad block: this one's, else the other's). */
    public PatternCheck plus(PatternCheck other) {
        PatternCheck sum = new PatternCheck();
        counts.forEach((v, n) -> sum.counts.merge(v, n, Long::sum));
        other.counts.forEach((v, n) -> sum.counts.merge(v, n, Long::sum));
        sum.firstBad = firstBad >= 0 ? firstBad : other.firstBad;
        return sum;
    }

    public long count(BlockPattern.Verdict v) {
        return counts.getOrDefault(v, 0L);
    }

    public long blocks() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    public long bad() {
        return blocks() - count(BlockPattern.Verdict.OK);
    }

    public boolean intact() {
        return bad() == 0 && blocks() > 0;
    }

    /** e.g. "65536 blocks ok" or "65536 blocks, 12 bad (ZERO=4, STALE=8), first bad lblock 17". */
    @Override
    public String toString() {
        if (intact()) {
            return blocks() + " blocks ok";
        }
        StringBuilder s = new StringBuilder(blocks() + " blocks, " + bad() + " bad (");
        String sep = "";
        for (var e : counts.entrySet()) {
            if (e.getKey() != BlockPattern.Verdict.OK) {
                s.append(sep).append(e.getKey()).append('=').append(e.getValue());
                sep = ", ";
            }
        }
        return s.append("), first bad lblock ").append(firstBad).toString();
    }
}
