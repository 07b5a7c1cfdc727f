package defragcheck.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import defragcheck.impl.defrag.DefragOptions;
import defragcheck.impl.defrag.MoveExtents;
import defragcheck.impl.defrag.Protocol;
import defragcheck.impl.observe.StepHook;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.fs.Superblock;

/**
 * No device I/O under the filesystem-wide metadata lock: the journal's writes and flushes (and every other device
 * write) are done by a thread that does not hold it, so a writer of another file changes its metadata while a journal
 * commit is stuck in device I/O, and waits only for durability, behind it.
 */
class JournalLockingTest {
    private static final long IMAGE_BLOCKS = 512;
    private static final int BLOCKS = 8;

    @TempDir
    Path dir;

    @Test
    void noDeviceWriteOrFlushIsDoneUnderTheMetadataLock() throws Exception {
        Filesystem fs = Filesystem.format(dir.resolve("io.img"), IMAGE_BLOCKS, 64);
        Superblock sb = fs.superblock();
        List<String> underLock = new ArrayList<>();
        AtomicInteger journalWrites = new AtomicInteger();
        AtomicInteger slotWrites = new AtomicInteger();
        AtomicInteger flushes = new AtomicInteger();
        fs.device().observe(new StepHook() {
            @Override
            public void deviceWritten(long block, byte[] data) {
                if (block >= sb.journalStart() && block < sb.journalStart() + sb.journalBlocks()) {
                    journalWrites.incrementAndGet();
                } else if (block >= sb.slotStart(0) && block < sb.dataStart()) {
                    slotWrites.incrementAndGet();
                }
                check("write of block " + block);
            }

            @Override
            public void deviceFlushed() {
                flushes.incrementAndGet();
                check("flush");
            }

            private void check(String what) {
                if (fs.transactions().holdsLock()) {
                    synchronized (underLock) {
                        underLock.add(what + " in " + Thread.currentThread().getName());
                    }
                }
            }
        });
        // two threads of metadata changes (group commit: either writes the other's transactions), a defrag's swap,
        // fsync and sync, more transactions than the journal holds (commits by checkpoint), unmount's checkpoint
        Inode orig = Fixture.orig(fs, BLOCKS, false);
        Inode donor = Fixture.donor(fs, BLOCKS, false);
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int id = t;
            writers.add(CompletableFuture.runAsync(() -> {
                try {
                    Inode f = fs.names().create("writer-" + id);
                    for (long l = 0; l < 3 * sb.journalBlocks(); l++) {
                        fs.buffered().write("writer-" + id, f, l % 16, Fixture.write(f, l % 16, 10 + id, l + 1));
                        fs.space().truncate(f, l % 16);
                        if (l % 8 == 0) {
                            fs.fsync(f);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
        MoveExtents.moveExtents(Protocol.DECS, orig, donor, 0, 0, BLOCKS, DefragOptions.defaults().withId("d"));
        for (CompletableFuture<Void> w : writers) {
            w.get(120, TimeUnit.SECONDS);
        }
        fs.sync();
        fs.close();
        assertEquals(0, underLock.size(), "device I/O under the metadata lock, first " + underLock.subList(0, Math.min(6, underLock.size())));
        assertTrue(journalWrites.get() > 6 * sb.journalBlocks() && slotWrites.get() > 2 && flushes.get() > 0,
                "the run wrote the journal past its end (" + journalWrites + " writes, " + sb.journalBlocks() + " blocks) and checkpointed ("
                        + slotWrites + " home-slot writes)");
    }

    @Test
    void aWriterOfAnotherFileIsNotHeldUpByAJournalCommitStuckInDeviceIo() throws Exception {
        Path image = dir.resolve("stuck.img");
        try (Filesystem fs = Filesystem.format(image, IMAGE_BLOCKS, 64)) {
            Inode a = fs.names().create("a");
            Inode b = fs.names().create("b");
            Superblock sb = fs.superblock();
            CountDownLatch stuck = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            fs.device().observe(new StepHook() {
                @Override
                public void deviceWritten(long block, byte[] data) {
                    if (block >= sb.journalStart() && block < sb.journalStart() + sb.journalBlocks() && stuck.getCount() > 0) {
                        stuck.countDown(); // the first journal write: the device hangs until released
                        await(release);
                    }
                }

                @Override
                public void deviceFlushed() {}
            });
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> fallocate(fs, a));
            try {
                assertTrue(stuck.await(10, TimeUnit.SECONDS), "a's commit reached the journal");
                CompletableFuture<Void> second = CompletableFuture.runAsync(() -> fallocate(fs, b));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (fs.space().extents(b).isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                assertEquals(BLOCKS, fs.space().extents(b).stream().mapToLong(e -> e.length()).sum(),
                        "b's allocation took effect while a's commit is stuck in the device");
                CompletableFuture<Long> free = CompletableFuture.supplyAsync(() -> unchecked(fs.space()::freeBlocks));
                assertTrue(free.get(10, TimeUnit.SECONDS) > 0, "the metadata lock is free while the journal I/O hangs");
                Thread.sleep(100);
                assertFalse(second.isDone(), "b's transaction is durable only after a's, which is not written yet");
                assertFalse(first.isDone());
                release.countDown();
                first.get(10, TimeUnit.SECONDS);
                second.get(10, TimeUnit.SECONDS);
            } finally {
                release.countDown();
            }
        }
        try (Filesystem fs = Filesystem.open(image)) {
            for (String name : List.of("a", "b")) {
                Inode f = fs.names().lookup(name);
                assertNotNull(f);
                assertEquals(BLOCKS, fs.space().extents(f).stream().mapToLong(e -> e.length()).sum(), name + "'s allocation is durable");
            }
        }
    }

    private static void fallocate(Filesystem fs, Inode f) {
        try {
            fs.space().fallocate(f, 0, BLOCKS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @FunctionalInterface
    private interface IoSupplier<T> {
        T get() throws IOException;
    }

    private static <T> T unchecked(IoSupplier<T> s) {
        try {
            return s.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
