package defragcheck.harness;

import tlc2.tool.fp.FPSetConfiguration;

/**
 * Where an in-process TLC run keeps its fingerprints and its queue of unexplored states. Both of TLC's stores are
 * disk-backed: the state queue ({@code DiskStateQueue}) keeps a few thousand states in memory and pages the rest to
 * the run's metadir; the fingerprint set holds a fixed amount in memory and, once that fills, merges it into a
 * sorted file in the metadir ({@code MSBDiskFPSet} on the heap by default; {@code OffHeapDiskFPSet} with
 * {@code --disk}, whose table lives outside the heap, so the heap is left to the states being explored).
 */
enum TlcStorage {
    HEAP("tlc2.tool.fp.MSBDiskFPSet", "0.1"),
    /** Off-heap fingerprints: an eighth of the memory the heap leaves, then disk. */
    OFF_HEAP("tlc2.tool.fp.OffHeapDiskFPSet", "0.125");

    /** TLC reads its fingerprint-set class from this system property when it parses its arguments. */
    static final String IMPL = "tlc2.tool.fp.FPSet.impl";
    final String implementation;
    private final String fpmem;

    TlcStorage(String implementation, String fpmem) {
        this.implementation = implementation;
        this.fpmem = fpmem;
    }

    /** TLC's -fpmem: the fraction of the heap (of the memory outside it, off heap); {@code -Ddefragcheck.fpmem} for the heap. */
    String fpmem() {
        return this == HEAP ? System.getProperty("defragcheck.fpmem", fpmem) : fpmem;
    }

    /** The sizes this run gets, in one line: the heap, the fingerprint table and where each store spills. */
    String describe() {
        long table = new FPSetConfiguration(Double.parseDouble(fpmem()), implementation).getMemoryInBytes();
        String simple = implementation.substring(implementation.lastIndexOf('.') + 1);
        return String.format("TLC storage: heap max %,d MB; fingerprint set %s, %,d MB %s (fpmem %s), then a sorted file on disk;"
                + " state queue DiskStateQueue, on disk beyond its in-memory buffer; both under %s",
                Runtime.getRuntime().maxMemory() >> 20, simple, table >> 20, this == HEAP ? "in the heap" : "off the heap",
                fpmem(), ProjectRoot.display(TlcRunner.WORK.resolve("meta")));
    }
}
