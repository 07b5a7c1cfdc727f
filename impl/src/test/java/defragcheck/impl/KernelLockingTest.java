package defragcheck.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import defragcheck.impl.defrag.DefragOptions;
import defragcheck.impl.defrag.MoveExtents;
import defragcheck.impl.defrag.Protocol;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.lock.DioCounter;
import defragcheck.impl.lock.RwSemaphore;
import defragcheck.impl.observe.Action;
import defragcheck.impl.observe.BlockPayload;
import defragcheck.impl.observe.BlockValue;

/**
 * The locks themselves, and what they mean for the filesystem's users: a defrag stopped in the middle of its copy
 * (holding both inodes' i_rwsem and invalidate_lock) blocks writes, direct-I/O submissions, faults and cache fills of
 * its file, while a writer of another file and a reader of the defragmented one go on.
 */
class KernelLockingTest {
    private static final long BLOCKED_MILLIS = 300;
    private static final int BLOCKS = 8;

    @TempDir
    Path dir;

    @Test
    void anExclusiveHolderExcludesEveryoneAndAWaitingOneHoldsBackNewReaders() throws Exception {
        RwSemaphore sem = new RwSemaphore();
        sem.downRead();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> unchecked(() -> sem.downWrite("w")));
        assertFalse(finishes(writer), "down_write waits for the shared holder");
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> unchecked(sem::downRead));
        assertFalse(finishes(reader), "a new reader waits behind the waiting writer");
        sem.upRead();
        writer.get(5, TimeUnit.SECONDS);
        assertEquals("w", sem.holder());
        assertFalse(finishes(reader), "the reader still waits while the writer holds it");
        sem.upWrite("w");
        reader.get(5, TimeUnit.SECONDS);
        assertTrue(sem.isLocked() && sem.isFree());
    }

    @Test
    void inodeDioWaitReturnsOnceTheLastDirectIoEnded() throws Exception {
        DioCounter dio = new DioCounter();
        dio.begin();
        dio.begin();
        CompletableFuture<Void> drain = CompletableFuture.runAsync(() -> unchecked(dio::await));
        dio.end();
        assertFalse(finishes(drain), "one direct I/O is still in flight");
        dio.end();
        drain.get(5, TimeUnit.SECONDS);
        assertEquals(0, dio.inFlight());
    }

    @Test
    void aDefragInItsCopyBlocksItsFilesUsersButNotAnotherFilesWriterNorItsReaders() throws Exception {
        try (Filesystem fs = Filesystem.format(dir.resolve("locking.img"), 256)) {
            Inode orig = Fixture.orig(fs, BLOCKS, false);
            Inode donor = Fixture.donor(fs, BLOCKS, false);
            Inode other = fs.names().create("other");
            fs.space().fallocate(other, 0, BLOCKS);
            fs.buffered().write("setup", other, 0, Fixture.write(other, 0, 1, 1));
            PausingHook pause = new PausingHook("d1", Action.CopyData);
            fs.setHook(pause);
            CompletableFuture<Void> defrag = CompletableFuture.runAsync(() -> unchecked(() ->
                    MoveExtents.moveExtents(Protocol.DECS, orig, donor, 0, 0, BLOCKS, DefragOptions.defaults().withId("d1"))));
            assertTrue(pause.awaitPaused(5000), "the defrag reaches its copy");

            CompletableFuture<Void> otherWrite = CompletableFuture.runAsync(() -> unchecked(() ->
                    fs.buffered().write("other-writer", other, 0, Fixture.write(other, 0, 1, 2))));
            otherWrite.get(10, TimeUnit.SECONDS); // returns while the defrag still holds its locks: it did not wait for it
            assertFalse(defrag.isDone(), "the defrag is still stopped in its copy");
            assertEquals(new BlockValue.Written(orig.ino(), 3, Fixture.WRITER, 1),
                    BlockPayload.decode(fs.buffered().read("reader", orig, 3)), "a reader of the file is not held up");

            List<CompletableFuture<?>> held = List.of(
                    CompletableFuture.runAsync(() -> unchecked(() -> fs.buffered().write("w", orig, 1, Fixture.write(orig, 1, 2, 1)))),
                    CompletableFuture.runAsync(() -> unchecked(() -> fs.direct().submit("dio", orig, 2, Fixture.write(orig, 2, 2, 2)))),
                    CompletableFuture.runAsync(() -> unchecked(() -> fs.mmap().fault("m", orig, 4))),
                    CompletableFuture.runAsync(() -> unchecked(() -> fs.buffered().readFill("r", orig, 5))),
                    CompletableFuture.runAsync(() -> unchecked(() -> fs.buffered().write("w2", donor, 1, Fixture.write(donor, 1, 2, 3)))));
            for (CompletableFuture<?> f : held) {
                assertFalse(finishes(f), "a write, DIO submission, fault or cache fill of the defrag's files waits for it");
            }
            pause.release();
            defrag.get(10, TimeUnit.SECONDS);
            for (CompletableFuture<?> f : held) {
                f.get(10, TimeUnit.SECONDS);
            }
            fs.setHook(null);
            fs.direct().completeAll();
            assertArrayEquals(Fixture.write(orig, 1, 2, 1), fs.buffered().read("reader", orig, 1));
            assertArrayEquals(Fixture.write(orig, 2, 2, 2), fs.buffered().read("reader", orig, 2));
        }
    }

    private static boolean finishes(CompletableFuture<?> f) throws Exception {
        try {
            f.get(BLOCKED_MILLIS, TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    private interface Io {
        void run() throws Exception;
    }

    private static void unchecked(Io io) {
        try {
            io.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
