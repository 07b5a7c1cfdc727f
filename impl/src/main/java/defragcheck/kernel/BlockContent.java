package defragcheck.kernel;

import java.nio.ByteBuffer;

import defragcheck.bench.BlockPattern;

/**
 * The 4 KiB blocks the kernel workloads write: self-describing (file tag, logical block, generation; see
 * {@link BlockPattern}). Generation 0 is a file's initial content, generation n > 0 the n-th write of a run. The
 * donor's stale blocks carry {@link #GARBAGE}, a neighbouring file {@link #NEIGHBOUR}: a read of the test file
 * tells which of them it returned.
 */
public final class BlockContent {
    public static final int BLOCK = BlockPattern.BLOCK;
    public static final long FILE = 0x0F11E;
    public static final long NEIGHBOUR = 0x0BE16;
    public static final long GARBAGE = 0x0DEAD;

    /** What a read of block {@code lblock} of {@link #FILE} returned. */
    public record Observed(Kind kind, long generation) {
        public static Observed value(long generation) {
            return new Observed(Kind.VALUE, generation);
        }

        @Override
        public String toString() {
            return kind == Kind.VALUE ? "gen " + generation : kind.name().toLowerCase().replace('_', ' ');
        }
    }

    /** A value of the file at the right block, or one of the ways a block can be wrong. */
    public enum Kind { VALUE, ZERO, DONOR, NEIGHBOUR, MISPLACED, GARBAGE }

    private BlockContent() {}

    public static byte[] of(long file, long lblock, long generation) {
        ByteBuffer b = ByteBuffer.allocate(BLOCK);
        BlockPattern.fill(b, file, lblock, generation);
        return b.array();
    }

    public static byte[] of(long lblock, long generation) {
        return of(FILE, lblock, generation);
    }

    public static Observed classify(byte[] block, long lblock) {
        ByteBuffer b = ByteBuffer.wrap(block);
        BlockPattern.Identity id = BlockPattern.identify(b);
        if (id == null) {
            return new Observed(BlockPattern.isZeroBlock(b) ? Kind.ZERO : Kind.GARBAGE, -1);
        }
        if (id.file() == GARBAGE) {
            return new Observed(Kind.DONOR, id.generation());
        }
        if (id.file() != FILE) {
            return new Observed(Kind.NEIGHBOUR, id.generation());
        }
        if (id.lblock() != lblock) {
            return new Observed(Kind.MISPLACED, id.generation());
        }
        return Observed.value(id.generation());
    }

    /**
     * Whether {@code block} is, byte by byte, a mix of the contents of the given generations of {@code lblock}: a
     * read that overlapped a write of the same block (a buffered or mmap copy is not atomic against a concurrent
     * one, not even per word).
     */
    public static boolean tornBetween(byte[] block, long lblock, long... generations) {
        byte[][] candidates = new byte[generations.length][];
        for (int i = 0; i < generations.length; i++) {
            candidates[i] = of(lblock, generations[i]);
        }
        for (int at = 0; at < BLOCK; at++) {
            boolean any = false;
            for (byte[] c : candidates) {
                any |= c[at] == block[at];
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }
}
