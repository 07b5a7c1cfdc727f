package defragcheck.bench;

/** One contender's timed defrag (or copy) of one fragmented file, with what it did to the layout and the data. */
public record Measurement(String contender, long bytes, long nanos, int extentsBefore, int extentsAfter, PatternCheck check) {
    public double mibPerSecond() {
        return (bytes / (double) DirectFile.MIB) / (nanos / 1e9);
    }

    /** Defragmented (fewer extents) with every block intact. */
    public boolean sound() {
        return check.intact() && extentsAfter < extentsBefore;
    }
}
