package defragcheck.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import defragcheck.conformance.AbstractState;
import defragcheck.conformance.WriteGhost;
import defragcheck.impl.defrag.DefragOptions;
import defragcheck.impl.defrag.MoveExtents;
import defragcheck.impl.defrag.Protocol;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.observe.ContentCheck;

/**
 * The 2016 bug on a real image: the legacy protocol leaves the only good copy in a dirty page that DAX never writes
 * back and DAX readers never consult, so a DAX file reads the donor's stale blocks, before and after a remount.
 * Without DAX, and with drain-evict-copy-swap either way, the data survives.
 */
class LegacyUnderDaxTest {
    private static final int BLOCKS = 32;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} dax={1}")
    @CsvSource({"LEGACY, true, false", "LEGACY, false, true", "DECS, true, true", "DECS, false, true"})
    void dataSurvivesExactlyWhenExpected(Protocol protocol, boolean dax, boolean survives) throws Exception {
        Path image = dir.resolve("img");
        try (Filesystem fs = Filesystem.format(image, 512)) {
            WriteGhost ghost = WriteGhost.attach(fs);
            Inode orig = Fixture.orig(fs, BLOCKS, dax);
            Inode donor = Fixture.donor(fs, BLOCKS, dax);
            MoveExtents.moveExtents(protocol, orig, donor, 0, 0, BLOCKS, DefragOptions.defaults());
            fs.sync();
            assertEquals(survives, AbstractState.capture(fs, ghost.lastWrite()).integrityViolations().isEmpty());
            ContentCheck.Report r = ContentCheck.verify(orig, Fixture.WRITER, 1);
            assertEquals(survives, r.intact(), r.toString());
            if (!survives) {
                assertEquals(BLOCKS, r.garbage(), "every moved block reads the donor's stale content: " + r);
            }
        }
        try (Filesystem fs = Filesystem.open(image)) {
            ContentCheck.Report r = ContentCheck.verify(fs.names().lookup("orig"), Fixture.WRITER, 1);
            assertEquals(survives, r.intact(), "after remount: " + r);
            assertTrue(survives || r.garbage() == BLOCKS, r.toString());
        }
    }
}
