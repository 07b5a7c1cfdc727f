package defragcheck.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import defragcheck.conformance.AbstractState;
import defragcheck.conformance.WriteGhost;
import defragcheck.impl.cache.PageKey;
import defragcheck.impl.defrag.DefragOptions;
import defragcheck.impl.defrag.MoveExtents;
import defragcheck.impl.defrag.Protocol;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.observe.StepHook;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.observe.BlockPayload;
import defragcheck.impl.observe.BlockValue;
import defragcheck.impl.observe.ContentCheck;

/**
 * Real threads on a real O_DIRECT image: a buffered, a direct (asynchronous, several in flight, completed out of
 * order) and an mmap writer, the background flusher, and readers, while a defragger moves every file's blocks back
 * and forth again and again. Each logical block belongs to one writer, which knows its last completed write, so a
 * reader can check that it never sees an older write, another file's data, zeros or stale donor content; at the end
 * every block is its last completed write, also after a remount.
 */
class ConcurrentDefragStressTest {
    private static final int FILES = 3;
    private static final int BLOCKS = 24;
    private static final int WRITERS = 3;
    private static final long MIN_RUN_MILLIS = 1500;
    private static final long MAX_RUN_MILLIS = 20_000;
    private static final int MIN_MOVES = 20;
    private static final int MIN_READS = 200;
    private static final int MAX_MOVES = 400;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} dax={1}")
    @CsvSource({"DECS, false", "DECS, true", "LEGACY, false"})
    void noCompletedWriteIsLostAndNoStaleDataIsRead(Protocol protocol, boolean dax) throws Exception {
        Path image = dir.resolve("stress.img");
        Map<PageKey, BlockValue> finalValues;
        AtomicInteger moves = new AtomicInteger();
        AtomicInteger reads = new AtomicInteger();
        try (Filesystem fs = Filesystem.format(image, 1024)) {
            WriteGhost ghost = WriteGhost.attach(fs);
            List<Inode> origs = new ArrayList<>();
            List<Inode> donors = new ArrayList<>();
            for (int f = 0; f < FILES; f++) {
                Inode o = dax ? fs.names().create("orig" + f, defragcheck.impl.fs.InodeFlag.DAX) : fs.names().create("orig" + f);
                fs.space().fallocate(o, 0, BLOCKS);
                origs.add(o);
                Inode d = dax ? fs.names().create("donor" + f, defragcheck.impl.fs.InodeFlag.DAX) : fs.names().create("donor" + f);
                fs.space().fallocate(d, 0, BLOCKS);
                donors.add(d);
            }
            // completed[f][lb]: the sequence number of the owner's last completed write.
            AtomicLongArray completed = new AtomicLongArray(FILES * BLOCKS);
            for (int f = 0; f < FILES; f++) {
                for (int l = 0; l < BLOCKS; l++) {
                    fs.buffered().write("setup", origs.get(f), l, payload(origs.get(f), l, 1));
                    completed.set(f * BLOCKS + l, 1);
                }
            }
            // the hook first: a flusher step begun under the old hook and ended under this one would drive its count negative
            Quiescence quiet = new Quiescence();
            fs.setHook(StepHook.both(ghost, quiet));
            fs.writeback().startDaemon(2);
            AtomicBoolean stop = new AtomicBoolean();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                threads.add(actor("writer" + w, failures, () -> {
                    Random rnd = new Random(writer);
                    // the direct writer's writes in flight, by block: never two on one block, so "last" is well defined
                    Map<Integer, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
                    while (!stop.get()) {
                        int f = rnd.nextInt(FILES);
                        int l = writer + WRITERS * rnd.nextInt(BLOCKS / WRITERS);
                        Inode o = origs.get(f);
                        int idx = f * BLOCKS + l;
                        if (inFlight.containsKey(idx)) {
                            continue;
                        }
                        long seq = completed.get(idx) + 1;
                        byte[] data = payload(o, l, seq);
                        switch (writer) {
                            case 0 -> {
                                fs.buffered().write("writer0", o, l, data);
                                completed.set(idx, seq);
                            }
                            case 1 -> {
                                CompletableFuture<Void> done = fs.direct().writeAsync("writer1", o, l, data);
                                inFlight.put(idx, done);
                                done.thenRun(() -> {
                                    completed.set(idx, seq);
                                    inFlight.remove(idx);
                                });
                            }
                            default -> {
                                fs.mmap().write("writer2", o, l, data);
                                completed.set(idx, seq);
                            }
                        }
                    }
                    for (CompletableFuture<Void> done : inFlight.values()) {
                        done.get(30, TimeUnit.SECONDS);
                    }
                }));
            }
            for (int r = 0; r < 2; r++) {
                int reader = r;
                threads.add(actor("reader" + r, failures, () -> {
                    Random rnd = new Random(100 + reader);
                    while (!stop.get()) {
                        int f = rnd.nextInt(FILES);
                        int l = rnd.nextInt(BLOCKS);
                        Inode o = origs.get(f);
                        long atLeast = completed.get(f * BLOCKS + l);
                        BlockValue v = BlockPayload.decode(fs.buffered().read("reader" + reader, o, l));
                        if (!(v instanceof BlockValue.Written w) || w.ino() != o.ino() || w.lblock() != l
                                || w.writer() != l % WRITERS || w.seq() < atLeast) {
                            throw new AssertionError("read " + v + " at " + o + ":" + l + ", last completed seq was " + atLeast);
                        }
                        // the donor's range is unwritten after every swap: it must never expose orig's old data
                        Inode d = donors.get(f);
                        BlockValue dv = BlockPayload.decode(fs.buffered().read("reader" + reader, d, rnd.nextInt(BLOCKS)));
                        if (!(dv instanceof BlockValue.Zero)) {
                            throw new AssertionError("donor " + d + " exposes " + dv);
                        }
                        reads.incrementAndGet();
                    }
                }));
            }
            // invariants in intermediate states, not only at the end: snapshots taken between steps
            AtomicInteger snapshots = new AtomicInteger();
            threads.add(actor("checker", failures, () -> {
                while (!stop.get()) {
                    quiet.whenQuiet(50, () -> {
                        AbstractState s = AbstractState.capture(fs, ghost.lastWrite());
                        if (!s.integrityViolations().isEmpty() || !s.exposures().isEmpty() || !s.blocksMappedTwice().isEmpty()) {
                            throw new AssertionError("invariant broken: integrity " + s.integrityViolations() + ", exposure "
                                    + s.exposures() + ", mapped twice " + s.blocksMappedTwice());
                        }
                        snapshots.incrementAndGet();
                    });
                    Thread.sleep(10);
                }
            }));
            threads.add(actor("defragger", failures, () -> {
                Random rnd = new Random(7);
                while (!stop.get() && moves.get() < MAX_MOVES) {
                    int f = rnd.nextInt(FILES);
                    long start = rnd.nextInt(BLOCKS / 2);
                    long len = 1 + rnd.nextInt((int) (BLOCKS - start));
                    MoveExtents.moveExtents(protocol, origs.get(f), donors.get(f), start, start, len,
                            DefragOptions.defaults().withId("defragger").withCopyThreads(2));
                    moves.incrementAndGet();
                }
            }));
            threads.forEach(Thread::start);
            long start = System.nanoTime();
            // bounded in time and iterations: at least MIN_RUN_MILLIS and enough moves and reads, at most MAX_RUN_MILLIS
            while (failures.isEmpty() && elapsedMillis(start) < MAX_RUN_MILLIS
                    && (elapsedMillis(start) < MIN_RUN_MILLIS || moves.get() < MIN_MOVES || reads.get() < MIN_READS)) {
                Thread.sleep(50);
            }
            stop.set(true);
            for (Thread t : threads) {
                t.join(30_000);
            }
            fs.writeback().stopDaemon();
            assertTrue(failures.isEmpty(), () -> "actor failures: " + failures);
            assertTrue(moves.get() >= MIN_MOVES && reads.get() >= MIN_READS && snapshots.get() > 0,
                    "too little happened: " + moves + " moves, " + reads + " reads, " + snapshots + " snapshots");
            assertEquals(List.of(), AbstractState.capture(fs, ghost.lastWrite()).integrityViolations());
            for (Inode o : origs) {
                ContentCheck.Report r = ghost.verify(o);
                assertTrue(r.intact(), o + ": " + r);
                for (int l = 0; l < BLOCKS; l++) {
                    assertEquals(new BlockValue.Written(o.ino(), l, l % WRITERS, completed.get(origs.indexOf(o) * BLOCKS + l)),
                            ghost.lastWrite().get(new PageKey(o.ino(), l)));
                }
            }
            finalValues = Map.copyOf(ghost.lastWrite());
        }
        try (Filesystem fs = Filesystem.open(image)) {
            for (int f = 0; f < FILES; f++) {
                Inode o = fs.names().lookup("orig" + f);
                ContentCheck.Report r = ContentCheck.verify(o, l -> finalValues.get(new PageKey(o.ino(), l)));
                assertTrue(r.intact(), "after remount " + o + ": " + r);
            }
        }
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static byte[] payload(Inode o, long l, long seq) {
        return BlockPayload.encode(o.ino(), l, (int) (l % WRITERS), seq);
    }

    interface Body {
        void run() throws Exception;
    }

    private static Thread actor(String name, ConcurrentLinkedQueue<Throwable> failures, Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failures.add(e);
            }
        }, name);
        t.setDaemon(true);
        return t;
    }
}
