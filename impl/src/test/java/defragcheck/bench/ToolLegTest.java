package defragcheck.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small real e4defrag and xfs_fsr runs: the layout is built as asked, the tool defragments it, the data survives. */
class ToolLegTest {
    @TempDir
    Path dir;

    @Test
    void fragmentsTheFileAsAskedAndE4defragKeepsItIntact() throws Exception {
        assumeTrue(LoopFilesystem.unavailableReason().isEmpty(), () -> "loop ext4 unavailable: " + LoopFilesystem.unavailableReason().orElse(""));
        Path home = dir.resolve("e4");
        try (ToolLeg leg = ToolLeg.e4defrag(home, 8L * DirectFile.MIB)) {
            assertDefragments(leg, ToolLeg.E4DEFRAG);
        }
        assertFalse(LoopDevices.anyBackedBy(home.resolve("ext4.img")));
    }

    @Test
    void fragmentsTheFileAsAskedOnXfsAndXfsFsrKeepsItIntact() throws Exception {
        var why = LoopFilesystem.unavailableReason(LoopFilesystem.Type.XFS);
        assumeTrue(why.isEmpty(), () -> "loop xfs unavailable: " + why.orElse(""));
        Path home = dir.resolve("xfs");
        try (ToolLeg leg = ToolLeg.xfsFsr(home, 8L * DirectFile.MIB)) {
            assertDefragments(leg, ToolLeg.XFS_FSR);
        }
        assertFalse(LoopDevices.anyBackedBy(home.resolve("xfs.img")));
    }

    private static void assertDefragments(ToolLeg leg, String name) throws IOException {
        long bytes = 8L * DirectFile.MIB;
        Measurement m = leg.run(64 * 1024, 1);
        assertEquals(name, m.contender());
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
}
