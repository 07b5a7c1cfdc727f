package defragcheck.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The fragmented layout every leg of the benchmark uses: the file's data sits in every other
 * chunk of a region (chunk, gap, chunk, gap ...), which is what filling punched holes produces on
 * ext4 and what the gather-copy ceiling reads.
 */
public final class Interleaved {
    private Interleaved() {}

    /** Fragments of a {@code fileBytes} file whose chunks of {@code chunkBytes} start at {@code base} with equal gaps. */
    public static List<Fragment> layout(long base, long fileBytes, int chunkBytes) {
        if (chunkBytes <= 0 || fileBytes % chunkBytes != 0) {
            throw new IllegalArgumentException("file size " + fileBytes + " is not a multiple of the chunk " + chunkBytes);
        }
        List<Fragment> fragments = new ArrayList<>();
        for (long done = 0, at = base; done < fileBytes; done += chunkBytes, at += 2L * chunkBytes) {
            fragments.add(new Fragment(at, chunkBytes));
        }
        return fragments;
    }
}
