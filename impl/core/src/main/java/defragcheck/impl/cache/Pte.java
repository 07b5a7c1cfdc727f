package defragcheck.impl.cache;

/**
 * A page-table entry of the (single) process mapping a file: it maps the cached page ({@code block < 0}) or,
 * for DAX, a physical block; a store needs {@code writable} (else it faults: page_mkwrite).
 */
public record Pte(long block, boolean writable) {
    public static Pte toPage(boolean writable) {
        return new Pte(-1, writable);
    }

    public static Pte toBlock(long block, boolean writable) {
        return new Pte(block, writable);
    }

    public boolean mapsPage() {
        return block < 0;
    }

    public Pte writeProtected() {
        return new Pte(block, false);
    }
}
