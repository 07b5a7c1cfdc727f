package defragcheck.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import defragcheck.impl.defrag.DefragOptions;
import defragcheck.impl.defrag.MoveExtentRequest;
import defragcheck.impl.defrag.MoveExtents;
import defragcheck.impl.defrag.Protocol;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.FragmentedFile;
import defragcheck.impl.fs.Inode;

/** A mover created but never run, or stopped between steps, gives back its id and locks when closed. */
class AbandonedMoverTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aClosedMoverReleasesItsIdAndLocks(Protocol protocol) throws Exception {
        try (Filesystem fs = Filesystem.format(dir.resolve("m.img"), 256)) {
            Inode orig = FragmentedFile.create(fs, "orig", 8, 2, 1);
            Inode donor = fs.names().createContiguous("donor", 8);
            DefragOptions opts = DefragOptions.defaults().withId("m");
            MoveExtents never = MoveExtents.create(protocol, new MoveExtentRequest(orig, donor, 0, 0, 8), opts);
            never.close();
            assertTrue(fs.defrags().isEmpty(), "a mover that never ran is not running: " + fs.defrags());

            MoveExtents stopped = MoveExtents.create(protocol, new MoveExtentRequest(orig, donor, 0, 0, 8), opts);
            stopped.runNext(); // holds a lock now
            stopped.close();
            assertTrue(fs.defrags().isEmpty(), fs.defrags().toString());
            assertTrue(orig.rwsem.isFree() && donor.rwsem.isFree(), "the abandoned mover's locks are released");

            try (MoveExtents again = MoveExtents.create(protocol, new MoveExtentRequest(orig, donor, 0, 0, 8), opts)) {
                again.run(); // the id is free again and the move completes
            }
            assertEquals(1, fs.space().extents(orig).size());
        }
    }
}
