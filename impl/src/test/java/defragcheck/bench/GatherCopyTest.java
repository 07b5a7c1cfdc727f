package defragcheck.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GatherCopyTest {
    @TempDir
    Path dir;

    /** Writes BlockPattern(file, lb, gen) into the fragments in file order, as a fragmented file would hold it. */
    static void writeFragments(FileChannel ch, List<Fragment> fragments, long file, long gen) throws Exception {
        long lb = 0;
        for (Fragment f : fragments) {
            ByteBuffer buf = DirectFile.aligned((int) f.length());
            while (buf.hasRemaining()) {
                BlockPattern.fill(buf, file, lb++, gen);
            }
            DirectFile.writeFully(ch, buf.flip(), f.offset());
        }
    }

    /** The file's data in every other chunk from offset 0: chunk, gap, chunk, gap ... */
    static List<Fragment> interleaved(long fileBytes, int chunk) {
        List<Fragment> fragments = new ArrayList<>();
        for (long at = 0; at < 2 * fileBytes; at += 2L * chunk) {
            fragments.add(new Fragment(at, chunk));
        }
        return fragments;
    }

    @ParameterizedTest
    @CsvSource({"4096,1,65536", "12288,2,65536", "65536,3,262144", "1048576,2,1048576"})
    void copiesEveryFragmentInOrderToTheContiguousRange(int chunk, int threads, int staging) throws Exception {
        long bytes = 8L * DirectFile.MIB;
        Path image = dir.resolve("raw.img");
        DirectFile.zeroFill(image, 3 * bytes);
        List<Fragment> layout = interleaved(bytes - bytes % chunk, chunk);
        try (FileChannel ch = DirectFile.open(image, false)) {
            writeFragments(ch, layout, 5, 2);
            Measurement m = GatherLeg.run(ch, layout, 2 * bytes, threads, staging, BlockCheck.pattern(5, 2));
            assertTrue(m.check().intact(), m.check().toString());
            assertEquals(layout.size(), m.extentsBefore());
            assertTrue(m.mibPerSecond() > 0);
            // The check can fail: the same copy judged against another generation is all stale.
            Measurement wrong = GatherLeg.run(ch, layout, 2 * bytes, threads, staging, BlockCheck.pattern(5, 3));
            assertEquals(wrong.check().blocks(), wrong.check().count(BlockPattern.Verdict.STALE));
        }
    }
}
