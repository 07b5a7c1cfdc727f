package defragcheck.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;

/** The ceiling contender: a timed GatherCopy of a file's fragments, then a check of the copy. */
public final class GatherLeg {
    public static final String NAME = "gather";

    private GatherLeg() {}

    /**
     * Gathers {@code fragments} (a file's data in file order) to the contiguous range at
     * {@code dest} and verifies every copied block there with {@code expected}.
     */
    public static Measurement run(FileChannel device, List<Fragment> fragments, long dest, int threads, int stagingBytes,
                                  BlockCheck expected) throws IOException {
        long bytes = fragments.stream().mapToLong(Fragment::length).sum();
        long nanos = GatherCopy.copy(device, fragments, dest, threads, stagingBytes);
        PatternCheck check = new PatternCheck();
        ByteBuffer buf = DirectFile.aligned(DirectFile.MIB);
        for (long at = 0; at < bytes; at += DirectFile.MIB) {
            buf.clear().limit((int) Math.min(DirectFile.MIB, bytes - at));
            DirectFile.readFully(device, buf, dest + at);
            buf.flip();
            for (long lb = at / BlockPattern.BLOCK; buf.hasRemaining(); lb++) {
                check.add(lb, expected.check(buf, lb));
            }
        }
        return new Measurement(NAME, bytes, nanos, fragments.size(), 1, check);
    }
}
