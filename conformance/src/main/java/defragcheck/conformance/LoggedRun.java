package defragcheck.conformance;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import defragcheck.impl.cache.PageKey;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.observe.BlockPayload;

/**
 * A free run of a rig's actors, logged for trace validation ({@link EventLog}, {@link TraceCheck}): user threads
 * write the model's user files (buffered, asynchronous direct and mmap writes, as the model's Writers allow) and
 * fill the cache by reading, the flusher writes back, the end_io thread completes direct writes, each defrag runs
 * in its own thread once a random quarter to half of the writes were handed out, so that users keep coming at its
 * locks while it runs. Nobody is told when to go: each thread runs as fast as it can and
 * blocks where the implementation makes it block. The only rule the users follow is the spec's contract with them
 * (Environment.tla, Uncontended): no buffered write, fault or store to a block while their own direct write to it
 * is in flight, which users keep among themselves with a lock per block. When everything is done, the rig writes
 * back what is dirty and reads every block of every file (logged as observations, nothing running).
 */
public final class LoggedRun {
    private static final long JOIN_SECONDS = 120;

    private final ImplRig rig;
    private final EventLog log;
    private final Map<PageKey, Semaphore> userLocks = new ConcurrentHashMap<>();
    private volatile Throwable failure;

    private LoggedRun(ImplRig rig) {
        this.rig = rig;
        this.log = rig.log();
    }

    /**
     * Runs {@code writers} user threads issuing {@code writes} writes in all (from {@code seed}), a reader, the
     * flusher and every defrag of {@code rig} (made by {@link ImplRig#createUngated}); returns the log.
     */
    public static EventLog run(ImplRig rig, long seed, int writers, int writes) throws IOException {
        LoggedRun run = new LoggedRun(rig);
        run.go(seed, writers, writes);
        return run.log;
    }

    private void go(long seed, int writers, int writes) throws IOException {
        Filesystem fs = rig.fs();
        ModelConstants c = rig.constants();
        fs.writeback().startDaemon(1);
        AtomicInteger tickets = new AtomicInteger(writes);
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Thread> users = new ArrayList<>();
        List<String> userFiles = new ArrayList<>(c.userFiles());
        for (int w = 0; w < writers; w++) {
            int writer = w + 1;
            Random rnd = new Random(seed * 31 + w);
            users.add(actor("writer-" + writer, () -> {
                long seq = 0;
                while (tickets.getAndDecrement() > 0) {
                    Inode f = rig.file(userFiles.get(rnd.nextInt(userFiles.size())));
                    long lb = rnd.nextInt(c.lblocks());
                    write("writer-" + writer, f, lb, BlockPayload.encode(f.ino(), lb, writer, ++seq), rnd);
                }
            }));
        }
        List<Thread> others = new ArrayList<>();
        if (!c.dax() && c.readers().contains("buffered")) {
            Random rnd = new Random(seed * 17);
            others.add(actor("reader", () -> {
                while (writing.get()) {
                    Inode f = rig.file(userFiles.get(rnd.nextInt(userFiles.size())));
                    fs.buffered().readFill("reader", f, rnd.nextInt(c.lblocks()));
                    java.util.concurrent.locks.LockSupport.parkNanos(20_000); // a reader, not a spinner: leave the cores to the others
                }
            }));
        }
        Random start = new Random(seed * 13);
        for (var mover : rig.movers()) {
            int after = writes / 4 + start.nextInt(Math.max(1, writes / 4)); // mid-stream: users keep coming at its locks
            others.add(actor("defrag-" + mover.id(), () -> {
                while (tickets.get() > writes - after && tickets.get() > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(20_000);
                }
                mover.run();
            }));
        }
        try {
            join(users);
            writing.set(false);
            join(others);
        } finally {
            fs.writeback().stopDaemon();
        }
        fs.direct().completeAll();
        if (failure != null) {
            throw new IOException("an actor of the free run failed: " + failure, failure);
        }
        fs.writeback().writebackAll("final");
        rig.observeEveryBlock();
    }

    /** One user write of block {@code lb}, of a kind the model's Writers allow, holding the users' lock of the block. */
    private void write(String actor, Inode f, long lb, byte[] data, Random rnd) throws Exception {
        Filesystem fs = rig.fs();
        List<String> kinds = new ArrayList<>(rig.constants().writers());
        if (f.isDax()) {
            kinds.remove("direct"); // under DAX a direct write is a DaxWrite, which the buffered path already makes
        }
        kinds.sort(null);
        String kind = kinds.get(rnd.nextInt(kinds.size()));
        Semaphore block = userLocks.computeIfAbsent(new PageKey(f.ino(), lb), k -> new Semaphore(1));
        block.acquire();
        switch (kind) {
            case "buffered" -> {
                try {
                    fs.buffered().write(actor, f, lb, data);
                } finally {
                    block.release();
                }
            }
            case "mmap" -> {
                try {
                    fs.mmap().write(actor, f, lb, data);
                } finally {
                    block.release();
                }
            }
            case "direct" -> {
                try {
                    fs.direct().writeAsync(actor, f, lb, data).whenComplete((ok, e) -> block.release());
                } catch (IOException | RuntimeException e) {
                    block.release();
                    throw e;
                }
            }
            default -> throw new IllegalStateException("no such writer: " + kind);
        }
    }

    private interface Body {
        void run() throws Exception;
    }

    private Thread actor(String name, Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure = e;
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void join(List<Thread> threads) throws IOException {
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(JOIN_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for " + t.getName());
            }
            if (t.isAlive()) {
                throw new IOException(t.getName() + " still runs after " + JOIN_SECONDS + " s: a deadlock?\n"
                        + java.util.Arrays.toString(t.getStackTrace()).replace(", ", "\n  "));
            }
        }
    }
}
