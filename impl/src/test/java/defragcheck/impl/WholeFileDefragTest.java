package defragcheck.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import defragcheck.impl.defrag.DefragOptions;
import defragcheck.impl.defrag.DefragReport;
import defragcheck.impl.defrag.Protocol;
import defragcheck.impl.defrag.WholeFileDefrag;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.FragmentedFile;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.observe.ContentCheck;

/** e4defrag-like whole-file defrag of a fragmented file, both protocols, on a real O_DIRECT image, then reopened. */
class WholeFileDefragTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"DECS, 1, 1", "DECS, 16, 4", "LEGACY, 1, 1", "LEGACY, 3, 2"})
    void fragmentedFileBecomesOneExtentWithContentIntact(Protocol protocol, int fragmentBlocks, int threads) throws Exception {
        Path image = dir.resolve("img");
        int blocks = 600;
        try (Filesystem fs = Filesystem.format(image, 4096)) {
            Inode f = FragmentedFile.create(fs, "frag", blocks, fragmentBlocks, 7);
            assertEquals((blocks + fragmentBlocks - 1) / fragmentBlocks, fs.space().extents(f).size());
            DefragReport r = WholeFileDefrag.run(f, protocol, DefragOptions.defaults().withCopyThreads(threads));
            assertEquals(1, r.extentsAfter(), r.toString());
            assertEquals(blocks, r.blocksMoved());
            ContentCheck.Report c = ContentCheck.verify(f, 7, 1);
            assertTrue(c.intact(), c.toString());
            assertEquals(1, fs.names().inodes().size(), "the donor is deleted");
        }
        try (Filesystem fs = Filesystem.open(image)) {
            Inode f = fs.names().lookup("frag");
            assertEquals(1, fs.space().extents(f).size());
            ContentCheck.Report c = ContentCheck.verify(f, 7, 1);
            assertTrue(c.intact(), c.toString());
        }
    }
}
