package defragcheck.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import defragcheck.conformance.AbstractState;
import defragcheck.conformance.WriteGhost;
import defragcheck.conformance.DecsWithoutStep;
import defragcheck.conformance.RemovableStep;
import defragcheck.impl.cache.PageKey;
import defragcheck.impl.defrag.DefragOptions;
import defragcheck.impl.defrag.MoveExtentRequest;
import defragcheck.impl.defrag.MoveExtents;
import defragcheck.impl.defrag.Protocol;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.observe.StepHook;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.io.DirectIo;
import defragcheck.impl.observe.Action;
import defragcheck.impl.observe.ContentCheck;

/**
 * Each step of drain-evict-copy-swap is necessary: for each one, a schedule on a real image under which the protocol
 * without that step loses a completed write (Integrity fails, on the abstract state and on the bytes read back),
 * while the full protocol under the same schedule keeps every write. This is what gives the stress and conformance
 * tests their teeth.
 */
class DecsStepNecessityTest {
    private static final int BLOCKS = 4;
    private static final String DEFRAG = "defrag";
    /** How long an actor that has not finished counts as blocked (by a lock or the drain); generous for a loaded machine. */
    private static final long BLOCKED_MILLIS = 1000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(RemovableStep.class)
    void fullProtocolKeepsTheWrite(RemovableStep scenario) throws Exception {
        List<PageKey> lost = run(scenario, false);
        assertEquals(List.of(), lost);
    }

    @ParameterizedTest
    @EnumSource(RemovableStep.class)
    void withoutTheStepTheWriteIsLost(RemovableStep scenario) throws Exception {
        List<PageKey> lost = run(scenario, true);
        assertFalse(lost.isEmpty(), "removing " + scenario + " should lose a write");
    }

    /** Runs the scenario's schedule; returns the logical blocks whose reader view is not their last write. */
    private List<PageKey> run(RemovableStep scenario, boolean ablate) throws Exception {
        boolean dax = scenario == RemovableStep.EVICT_CACHE || scenario == RemovableStep.LOCK_INVALIDATE;
        try (Filesystem fs = Filesystem.format(dir.resolve(scenario + "-" + ablate + ".img"), 256)) {
            WriteGhost ghost = WriteGhost.attach(fs);
            Inode orig = Fixture.orig(fs, BLOCKS, dax);
            Inode donor = Fixture.donor(fs, BLOCKS, dax);
            DefragOptions opts = DefragOptions.defaults().withId(DEFRAG);
            MoveExtentRequest req = new MoveExtentRequest(orig, donor, 0, 0, BLOCKS);
            MoveExtents move = ablate ? new DecsWithoutStep(req, opts, Set.of(scenario)) : MoveExtents.create(Protocol.DECS, req, opts);
            byte[] w2 = Fixture.write(orig, 0, 2, 1);
            switch (scenario) {
                case DRAIN_DIO -> {
                    // A direct write submitted before the defrag completes only after the swap, if nothing waits for it.
                    DirectIo.DioRecord dio = fs.direct().submit("dio", orig, 0, w2);
                    PausingHook pause = new PausingHook(DEFRAG, Action.Unlock);
                    fs.setHook(StepHook.both(ghost, pause));
                    CompletableFuture<Void> defrag = inThread(move);
                    pause.awaitPaused(BLOCKED_MILLIS); // reached only if the drain did not wait
                    fs.direct().complete(dio);
                    pause.release();
                    defrag.get(10, TimeUnit.SECONDS);
                }
                case LOCK_INODES -> {
                    // A direct write submitted after the drain captures the old block and completes after the swap.
                    PausingHook pause = new PausingHook(DEFRAG, Action.SwapExtents);
                    fs.setHook(StepHook.both(ghost, pause));
                    CompletableFuture<Void> defrag = inThread(move);
                    assertTrue(pause.awaitPaused(5000));
                    CompletableFuture<DirectIo.DioRecord> submit = CompletableFuture.supplyAsync(() -> unchecked(() -> fs.direct().submit("dio", orig, 0, w2)));
                    DirectIo.DioRecord dio = finishedWithin(submit, BLOCKED_MILLIS);
                    pause.release();
                    if (dio == null) {
                        dio = submit.get(10, TimeUnit.SECONDS);
                        defrag.get(10, TimeUnit.SECONDS);
                        fs.direct().complete(dio);
                    } else {
                        defrag.get(10, TimeUnit.SECONDS);
                        fs.direct().complete(dio);
                    }
                }
                case FLUSH_CACHE -> {
                    // A dirty page is only in the cache: evicting it unflushed drops the write.
                    fs.buffered().write("writer", orig, 0, w2);
                    move.run();
                }
                case EVICT_CACHE -> {
                    // A DAX pte to the old block survives the swap; a store through it misses the file.
                    fs.mmap().fault("mmap", orig, 0);
                    move.run();
                    fs.mmap().write("mmap", orig, 0, w2);
                }
                case LOCK_INVALIDATE -> {
                    // A DAX fault after the eviction maps the old block; the store lands there after the swap.
                    PausingHook pause = new PausingHook(DEFRAG, Action.CopyData);
                    fs.setHook(StepHook.both(ghost, pause));
                    CompletableFuture<Void> defrag = inThread(move);
                    assertTrue(pause.awaitPaused(5000));
                    CompletableFuture<Void> fault = CompletableFuture.runAsync(() -> unchecked(() -> {
                        fs.mmap().fault("mmap", orig, 0);
                        return null;
                    }));
                    finishedWithin(fault, BLOCKED_MILLIS);
                    pause.release();
                    defrag.get(10, TimeUnit.SECONDS);
                    fault.get(10, TimeUnit.SECONDS);
                    fs.mmap().write("mmap", orig, 0, w2);
                }
                case COPY_DATA -> move.run();
                default -> throw new IllegalStateException();
            }
            fs.setHook(ghost);
            List<PageKey> lost = AbstractState.capture(fs, ghost.lastWrite()).integrityViolations();
            fs.sync();
            ContentCheck.Report bytes = ghost.verify(orig);
            assertEquals(lost.isEmpty(), bytes.intact(), "abstract state and bytes read back agree: " + bytes);
            return lost;
        }
    }

    private static CompletableFuture<Void> inThread(MoveExtents move) {
        return CompletableFuture.runAsync(() -> unchecked(() -> {
            move.run();
            return null;
        }));
    }

    private static <T> T finishedWithin(CompletableFuture<T> f, long millis) throws Exception {
        try {
            return f.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        }
    }

    interface IoCall<T> {
        T call() throws Exception;
    }

    static <T> T unchecked(IoCall<T> c) {
        try {
            return c.call();
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }
}
