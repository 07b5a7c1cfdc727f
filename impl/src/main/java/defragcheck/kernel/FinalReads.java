package defragcheck.kernel;

import java.io.IOException;
import java.util.List;

/**
 * A forced schedule's end: every block of its file read every way (buffered, O_DIRECT, buffered after drop_caches,
 * both after a remount), each compared with the model's final value; a mismatch is a disagreement.
 */
final class FinalReads {
    interface Reader {
        BlockContent.Observed read(IoPath path, int block) throws IOException;
    }

    /** Closes the schedule's files, remounts, and opens them again. */
    interface Remount {
        void run() throws IOException;
    }

    private FinalReads() {}

    /** Adds each mismatch to {@code disagreements} and what each block read to {@code seen}. */
    static void check(List<Long> expected, Reader reader, Remount remount, List<String> disagreements, List<String> seen)
            throws IOException {
        compare(expected, "buffered", IoPath.BUFFERED, reader, disagreements, seen);
        compare(expected, "O_DIRECT", IoPath.DIRECT, reader, disagreements, seen);
        FreeRun.dropCaches();
        compare(expected, "buffered after drop_caches", IoPath.BUFFERED, reader, disagreements, seen);
        remount.run();
        compare(expected, "buffered after remount", IoPath.BUFFERED, reader, disagreements, seen);
        compare(expected, "O_DIRECT after remount", IoPath.DIRECT, reader, disagreements, seen);
    }

    private static void compare(List<Long> expected, String how, IoPath path, Reader reader, List<String> disagreements,
            List<String> seen) throws IOException {
        for (int b = 0; b < expected.size(); b++) {
            BlockContent.Observed got = reader.read(path, b);
            seen.add("block " + (b + 1) + " " + got);
            if (!matches(got, expected.get(b))) {
                disagreements.add("block " + (b + 1) + " " + how + ": kernel " + got + ", model gen " + expected.get(b));
            }
        }
    }

    /** The model's generation, or for its Garbage ({@link ModelReads#GARBAGE}) another file's stale block. */
    static boolean matches(BlockContent.Observed got, long want) {
        return want == ModelReads.GARBAGE ? got.kind() == BlockContent.Kind.DONOR || got.kind() == BlockContent.Kind.GARBAGE
                : got.equals(BlockContent.Observed.value(want));
    }
}
