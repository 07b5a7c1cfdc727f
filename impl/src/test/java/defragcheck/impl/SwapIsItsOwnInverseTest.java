package defragcheck.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import defragcheck.impl.defrag.DefragOptions;
import defragcheck.impl.defrag.MoveExtents;
import defragcheck.impl.defrag.Protocol;
import defragcheck.impl.fs.Extent;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.FragmentedFile;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.observe.ContentCheck;

/**
 * ext4/308: moving the same range twice with the same donor restores orig's original layout exactly (a swap is its
 * own inverse, apart from the donor's unwritten marking) and never changes orig's content.
 */
class SwapIsItsOwnInverseTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void movingTwiceRestoresTheLayout(Protocol protocol) throws Exception {
        Path image = dir.resolve("308.img");
        try (Filesystem fs = Filesystem.format(image, 1024)) {
            Inode orig = FragmentedFile.create(fs, "orig", 96, 8, 3);
            Inode donor = fs.names().create("donor");
            fs.space().fallocate(donor, 0, 96);
            List<Extent> origLayout = fs.space().extents(orig);
            List<Extent> donorLayout = fs.space().extents(donor);

            MoveExtents.moveExtents(protocol, orig, donor, 8, 8, 80, DefragOptions.defaults());
            fs.sync();
            assertNotEquals(origLayout, fs.space().extents(orig));
            assertIntact(orig);

            MoveExtents.moveExtents(protocol, orig, donor, 8, 8, 80, DefragOptions.defaults());
            fs.sync();
            assertEquals(origLayout, fs.space().extents(orig), "orig's layout restored exactly");
            assertEquals(physical(donorLayout), physical(fs.space().extents(donor)), "donor has its own blocks back");
            assertIntact(orig);
        }
        try (Filesystem fs = Filesystem.open(image)) {
            assertIntact(fs.names().lookup("orig"));
        }
    }

    private static void assertIntact(Inode orig) throws Exception {
        ContentCheck.Report r = ContentCheck.verify(orig, 3, 1);
        assertTrue(r.intact(), r.toString());
    }

    private static List<List<Long>> physical(List<Extent> extents) {
        return extents.stream().map(e -> List.of(e.lblock(), e.pblock(), e.length())).toList();
    }
}
