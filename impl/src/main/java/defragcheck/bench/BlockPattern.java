package defragcheck.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Self-describing 4 KiB blocks: a header naming the file, the logical block and the generation,
 * then bytes derived from those three. A verifier rebuilds the expected block, so a block that is
 * zero, belongs elsewhere (misplaced), is an older generation (a lost write) or is anything else
 * (garbage) is told apart instead of merely counted.
 */
public final class BlockPattern {
    public static final int BLOCK = 4096;
    private static final long MAGIC = 0x444652474245_4E43L; // "DFRGBENC"

    /** What a block read back turned out to be. */
    public enum Verdict { OK, ZERO, MISPLACED, STALE, GARBAGE }

    private BlockPattern() {}

    /** Writes block {@code lblock} of file {@code file} at generation {@code generation} into dst's next 4 KiB. */
    public static void fill(ByteBuffer dst, long file, long lblock, long generation) {
        ByteBuffer b = dst.slice(dst.position(), BLOCK).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(MAGIC).putLong(file).putLong(lblock).putLong(generation);
        long x = seed(file, lblock, generation);
        while (b.hasRemaining()) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            b.putLong(x);
        }
        dst.position(dst.position() + BLOCK);
    }

    /** Classifies the 4 KiB at src's position (position advances by one block). */
    public static Verdict check(ByteBuffer src, long file, long lblock, long generation) {
        ByteBuffer b = src.slice(src.position(), BLOCK).order(ByteOrder.LITTLE_ENDIAN);
        src.position(src.position() + BLOCK);
        if (b.getLong(0) != MAGIC) {
            return isZero(b) ? Verdict.ZERO : Verdict.GARBAGE;
        }
        long f = b.getLong(8), l = b.getLong(16), g = b.getLong(24);
        if (f != file || l != lblock) {
            return intact(b, f, l, g) ? Verdict.MISPLACED : Verdict.GARBAGE;
        }
        if (g != generation) {
            return intact(b, f, l, g) ? Verdict.STALE : Verdict.GARBAGE;
        }
        return intact(b, f, l, g) ? Verdict.OK : Verdict.GARBAGE;
    }

    /** The (file, logical block, generation) an intact block names in its header. */
    public record Identity(long file, long lblock, long generation) {}

    /** The identity of the 4 KiB at src's position if it is an intact self-describing block, else null (position unchanged). */
    public static Identity identify(ByteBuffer src) {
        ByteBuffer b = src.slice(src.position(), BLOCK).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getLong(0) != MAGIC) {
            return null;
        }
        long f = b.getLong(8), l = b.getLong(16), g = b.getLong(24);
        return intact(b, f, l, g) ? new Identity(f, l, g) : null;
    }

    /** Whether the 4 KiB at src's position is all zeros (position unchanged). */
    public static boolean isZeroBlock(ByteBuffer src) {
        return isZero(src.slice(src.position(), BLOCK).order(ByteOrder.LITTLE_ENDIAN));
    }

    private static boolean intact(ByteBuffer b, long file, long lblock, long generation) {
        long x = seed(file, lblock, generation);
        for (int at = 32; at < BLOCK; at += 8) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            if (b.getLong(at) != x) {
                return false;
            }
        }
        return true;
    }

    private static boolean isZero(ByteBuffer b) {
        for (int at = 0; at < BLOCK; at += 8) {
            if (b.getLong(at) != 0) {
                return false;
            }
        }
        return true;
    }

    // splitmix64 of the three identifiers; never 0, which would stall xorshift.
    private static long seed(long file, long lblock, long generation) {
        long z = file * 0x9E3779B97F4A7C15L + lblock * 0xBF58476D1CE4E5B9L + generation * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return z == 0 ? 1 : z;
    }
}
