package defragcheck.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import defragcheck.conformance.AbstractState;
import defragcheck.conformance.WriteGhost;
import defragcheck.impl.cache.PageKey;
import defragcheck.impl.defrag.DefragOptions;
import defragcheck.impl.defrag.DrainEvictCopySwap;
import defragcheck.impl.defrag.LegacyMoveExtents;
import defragcheck.impl.defrag.MoveExtentRequest;
import defragcheck.impl.defrag.MoveExtents;
import defragcheck.impl.defrag.Protocol;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.io.DirectIo;
import defragcheck.impl.observe.Action;
import defragcheck.impl.observe.BlockValue;
import defragcheck.impl.observe.StepHook;

/** A defrag driven one step at a time, as the conformance scheduler will, with the abstract state checked after each. */
class AbstractStateTest {
    @TempDir
    Path dir;
    private WriteGhost ghost;

    @Test
    void decsStepByStep() throws Exception {
        try (Filesystem fs = Filesystem.format(dir.resolve("img"), 256)) {
            Inode orig = Fixture.orig(fs, 2, false);
            Inode donor = Fixture.donor(fs, 2, false);
            List<StepHook.Step> seen = new ArrayList<>();
            ghost = WriteGhost.attach(fs);
            fs.setHook(StepHook.both(fs.hook(), new StepHook() {
                @Override
                public void after(Step step) {
                    seen.add(step);
                }
            }));
            long o0 = fs.space().extents(orig).get(0).pblock();
            long d0 = fs.space().extents(donor).get(0).pblock();
            BlockValue w2 = new BlockValue.Written(orig.ino(), 0, 2, 1);
            fs.buffered().write("writer", orig, 0, Fixture.write(orig, 0, 2, 1));
            fs.mmap().fault("mmap", orig, 1);
            AbstractState s = state(fs);
            assertEquals(new AbstractState.CachedPage(w2, true, o0), s.cache().get(key(orig, 0)));
            assertEquals(new AbstractState.Mapping(null, true), s.pte().get(key(orig, 1)));
            assertTrue(s.cache().get(key(orig, 1)).dirty(), "a write fault dirties the page (page_mkwrite)");
            assertEquals(w2, s.lastWrite().get(key(orig, 0)));
            assertEquals(BlockValue.GARBAGE, s.disk().get(d0), "a fresh donor block holds stale content");
            assertEquals(BlockValue.ZERO, s.readerView(donor.ino(), 0), "but reads as zeros: unwritten");

            DrainEvictCopySwap m = (DrainEvictCopySwap) MoveExtents.create(Protocol.DECS,
                    new MoveExtentRequest(orig, donor, 0, 0, 2), DefragOptions.defaults().withId("d1"));
            assertEquals("LockInodes", state(fs).step().get("d1"));
            assertThrows(IllegalStateException.class, m::copyData, "steps run in spec order only");
            m.lockInodes();
            s = state(fs);
            assertEquals(Map.of(orig.ino(), "d1", donor.ino(), "d1"), s.rwsem());
            assertEquals("LockInvalidate", s.step().get("d1"));
            m.lockInvalidate();
            assertEquals(Map.of(orig.ino(), "d1", donor.ino(), "d1"), state(fs).ilock());
            m.drainDio();
            m.flushCache();
            s = state(fs);
            assertFalse(s.cache().get(key(orig, 0)).dirty());
            assertEquals(w2, s.disk().get(o0));
            assertEquals(new AbstractState.Mapping(null, false), s.pte().get(key(orig, 1)), "page_mkclean write-protects");
            m.evictCache();
            s = state(fs);
            assertTrue(s.cache().isEmpty() && s.pte().isEmpty());
            m.copyData();
            assertEquals(w2, state(fs).disk().get(d0));
            m.swapExtents();
            s = state(fs);
            assertEquals(d0, s.emap().get(orig.ino()).get(0L));
            assertEquals(o0, s.emap().get(donor.ino()).get(0L));
            assertTrue(s.unwritten().contains(key(donor, 0)) && !s.unwritten().contains(key(orig, 0)));
            assertEquals(List.of(), s.integrityViolations());
            m.unlock();
            s = state(fs);
            assertTrue(s.rwsem().isEmpty() && s.ilock().isEmpty() && s.step().isEmpty());
            assertEquals(List.of(Action.BufferedWrite, Action.MmapFault, Action.LockInodes, Action.LockInodes, Action.LockInvalidate,
                    Action.LockInvalidate, Action.DrainDio,
                    Action.FlushCache, Action.EvictCache, Action.CopyData, Action.SwapExtents, Action.Unlock),
                    seen.stream().map(StepHook.Step::action).toList());
        }
    }

    @Test
    void directIoAndLegacyMovePage() throws Exception {
        try (Filesystem fs = Filesystem.format(dir.resolve("img"), 256)) {
            ghost = WriteGhost.attach(fs);
            Inode orig = Fixture.orig(fs, 2, false);
            Inode donor = Fixture.donor(fs, 2, false);
            long o1 = fs.space().extents(orig).get(0).pblock() + 1;
            long d1 = fs.space().extents(donor).get(0).pblock() + 1;
            DirectIo.DioRecord dio = fs.direct().submit("dio", orig, 1, Fixture.write(orig, 1, 3, 1));
            AbstractState s = state(fs);
            assertEquals(List.of(new AbstractState.InFlightDio(orig.ino(), 1, o1, new BlockValue.Written(orig.ino(), 1, 3, 1))), s.dio());
            assertEquals(new BlockValue.Written(orig.ino(), 1, Fixture.WRITER, 1), s.readerView(orig.ino(), 1), "not yet complete");
            fs.direct().complete(dio);
            assertTrue(state(fs).dio().isEmpty());

            LegacyMoveExtents m = (LegacyMoveExtents) MoveExtents.create(Protocol.LEGACY,
                    new MoveExtentRequest(orig, donor, 0, 0, 2), DefragOptions.defaults().withId("L"));
            m.lockInodes();
            m.drainDio();
            m.movePage(0);
            m.movePage(1);
            s = state(fs);
            assertEquals(new AbstractState.CachedPage(new BlockValue.Written(orig.ino(), 1, 3, 1), true, d1), s.cache().get(key(orig, 1)),
                    "the page holds the data and now points at the new block");
            assertEquals(BlockValue.GARBAGE, s.disk().get(d1), "which does not have it yet");
            assertEquals(List.of(), s.integrityViolations(), "non-DAX readers see the page");
            m.unlock();
            assertNull(state(fs).step().get("L"));

            fs.names().delete(orig);
            Inode reused = fs.names().create("reused");
            assertEquals(orig.ino(), reused.ino(), "inode numbers are reused");
        }
    }

    /** The abstract state with this test's ghost. */
    private AbstractState state(Filesystem fs) throws java.io.IOException {
        return AbstractState.capture(fs, ghost.lastWrite());
    }

    private static PageKey key(Inode f, long l) {
        return new PageKey(f.ino(), l);
    }
}
