package defragcheck.bench;

/** One contender's timed defrag (or copy) of one fragmented file, with what it did to the layout and the data. */
public record Measurement(String contender, long bytes, long nanos, int extentsBefore, int extentsAfter, PatternCheck check) {
    public double mibPerSecond() {
        return (bytes / (double) DirectFile.MIB) / (nanos / 1e9);
    }

    /** This and a repetition on another fresh file, as one measurement: bytes and time add up, every check must hold. */
    public Measurement plus(Measurement again) {
        return new Measurement(contender, bytes + again.bytes, nanos + again.nanos, Math.min(extentsBefore, again.extentsBefore),
                Math.max(extentsAfter, again.extentsAfter), check.plus(again.check));
    }

    /** Defragmented (fewer extents) with every block intact. */
    public boolean sound() {
        return check.intact() && extentsAfter < extentsBefore;
    }
}
