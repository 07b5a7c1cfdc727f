package defragcheck.bench;

/** A paired ratio of two contenders' MiB/s measured in the same round, e.g. decs/gather. */
public record Ratio(String numerator, String denominator) {
    public String label() {
        return numerator + "/" + denominator;
    }
}
