package defragcheck.harness;

import tlc2.tool.fp.FPSetConfiguration;

/**
 * Where an in-process TLC run keeps its fingerprints and its queue of unexplored states. Both of TLC's stores are
 * disk-backed: the state queue ({@code DiskStateQueue}) keeps a small buffer in memory and pages the rest to the
 * run's metadir; the fingerprint set ({@code MSBDiskFPSet}) holds a fixed share of the heap and, once that fills,
 * merges it into a sorted file in the metadir. ({@link DiskBackedTlc} moves the fingerprint table off the heap.)
 */
final class TlcStorage {
    /** TLC's -fpmem in process: the share of the heap for fingerprints ({@code -Ddefragcheck.fpmem}). */
    static final String FPMEM = System.getProperty("defragcheck.fpmem", "0.1");

    private TlcStorage() {}

    /** The sizes an in-process run gets, in one line. */
    static String describe() {
        long table = new FPSetConfiguration(Double.parseDouble(FPMEM), "tlc2.tool.fp.MSBDiskFPSet").getMemoryInBytes();
        return String.format("TLC storage: heap max %,d MB; fingerprint set MSBDiskFPSet, %,d MB in the heap (fpmem %s),"
                + " then a sorted file on disk; state queue DiskStateQueue, on disk beyond its in-memory buffer; both under %s",
                Runtime.getRuntime().maxMemory() >> 20, table >> 20, FPMEM, ProjectRoot.display(TlcRunner.WORK.resolve("meta")));
    }
}
