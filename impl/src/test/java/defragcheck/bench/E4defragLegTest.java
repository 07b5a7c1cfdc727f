package defragcheck.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small real e4defrag run: the layout is built as asked, e4defrag defragments it, the data survives. */
class E4defragLegTest {
    @TempDir
    Path dir;

    @Test
    void fragmentsTheFileAsAskedAndE4defragKeepsItIntact() throws Exception {
        assumeTrue(LoopFilesystem.unavailableReason().isEmpty(), () -> "loop ext4 unavailable: " + LoopFilesystem.unavailableReason().orElse(""));
        long bytes = 8L * DirectFile.MIB;
        Path home = dir.resolve("e4");
        Path image;
        try (E4defragLeg leg = E4defragLeg.create(home, bytes)) {
            image = home.resolve("ext4.img");
            Measurement m = leg.run(64 * 1024, 1);
            assertEquals(E4defragLeg.NAME, m.contender());
            // 8 MiB in 64 KiB chunks = 128 fragments; the allocator may merge a few at the edges.
            assertTrue(m.extentsBefore() >= 100, "only " + m.extentsBefore() + " extents before");
            assertTrue(m.extentsAfter() < 10, m.extentsAfter() + " extents after");
            assertTrue(m.check().intact(), m.check().toString());
            assertEquals(bytes / BlockPattern.BLOCK, m.check().blocks());
            // A second round on the same filesystem rebuilds the layout.
            Measurement again = leg.run(4096, 2);
            assertTrue(again.extentsBefore() >= 1500, "only " + again.extentsBefore() + " extents before");
            assertTrue(again.sound(), again.check().toString());
        }
        assertFalse(LoopDevices.anyBackedBy(image));
    }
}
