package defragcheck.conformance;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import defragcheck.impl.cache.PageKey;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.io.DirectIo;
import defragcheck.impl.observe.AbstractState;
import defragcheck.impl.observe.BlockPayload;
import defragcheck.impl.observe.BlockValue;
import defragcheck.impl.observe.StepHook;
import tlc2.tool.TLCState;

/**
 * Implementation to spec with real threads: writers, the device's completion of direct writes, a flusher and the
 * defrags run freely in their own threads;
 * the trace is taken at action boundaries. Snapshot approach: a step hook admits one actor step at a time (a fair
 * lock held from the step's {@code before} to its {@code after}), and only a step that would not block now
 * ({@link ImplGuards}); the state is captured at {@code after}, still holding it. So every step, including the
 * defrag's program-counter update that follows its critical section, is atomic with respect to the others and
 * the captured sequence is a linearization of the run. Real concurrency remains in which actor reaches the lock
 * first and in everything between steps. Writes are numbered in the order they take effect (the spec's issued+1),
 * not in the order the threads chose their payloads.
 */
public final class ThreadedRun implements StepHook {
    private static final long JOIN_SECONDS = 60;

    private final ImplRig rig;
    private final StateMapping mapping;
    private final ImplGuards guards;
    private final ReentrantLock turn = new ReentrantLock(true);
    private final Condition stepped = turn.newCondition();
    private final List<TLCState> states = Collections.synchronizedList(new ArrayList<>());
    private final Map<Long, Integer> writeNumbers = new HashMap<>();
    private final Map<PageKey, Semaphore> blockPermits = new ConcurrentHashMap<>(); // see users(f, lb)
    private volatile Throwable failure;

    private ThreadedRun(SpecModel spec, ImplRig rig) {
        this.rig = rig;
        this.mapping = new StateMapping(spec, rig);
        this.guards = new ImplGuards(rig);
    }

    /**
     * Runs {@code writers} writer threads (each {@code opsPerWriter} random operations from {@code seed}), a flusher
     * and every defrag of {@code rig} (made by {@link ImplRig#createUngated}); returns the trace, Init first.
     */
    public static List<TLCState> run(SpecModel spec, ImplRig rig, long seed, int writers, int opsPerWriter) throws IOException {
        ThreadedRun run = new ThreadedRun(spec, rig);
        return run.go(seed, writers, opsPerWriter);
    }

    private List<TLCState> go(long seed, int writers, int opsPerWriter) throws IOException {
        record(rig.fs().abstractState());
        rig.fs().setHook(this);
        AtomicInteger tickets = new AtomicInteger(rig.constants().maxWrites());
        AtomicLong payloads = new AtomicLong();
        AtomicInteger running = new AtomicInteger(writers + rig.movers().size());
        AtomicInteger writing = new AtomicInteger(writers);
        ConcurrentLinkedQueue<InFlight> bios = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            Random rnd = new Random(seed * 31 + w);
            String name = "writer-" + w;
            threads.add(actor(name, running, () -> {
                try {
                    writer(name, rnd, opsPerWriter, tickets, payloads, bios);
                } finally {
                    writing.decrementAndGet();
                }
            }));
        }
        // The device completes direct writes on its own (bio end_io), never the submitter: a writer may block on
        // i_rwsem while its write is in flight and the defrag drains it.
        threads.add(actor("end_io", null, () -> {
            while (writing.get() > 0 || !bios.isEmpty()) {
                InFlight r = bios.poll();
                if (r != null) {
                    try {
                        rig.fs().direct().complete(r.bio());
                    } finally {
                        r.block().release();
                    }
                } else {
                    LockSupport.parkNanos(200_000);
                }
            }
        }));
        for (var m : rig.movers()) {
            threads.add(actor("defrag-" + m.id(), running, m::run));
        }
        threads.add(actor("flusher", null, () -> {
            while (running.get() > 0) {
                for (PageKey k : rig.fs().cache().dirtyKeys()) {
                    rig.fs().writeback().writebackPage("flusher", k);
                }
                LockSupport.parkNanos(200_000); // the flusher wakes up often, but not in a busy loop
            }
        }));
        threads.forEach(Thread::start);
        try {
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(JOIN_SECONDS));
                if (t.isAlive()) {
                    throw new IOException(t.getName() + " did not finish within " + JOIN_SECONDS + " s (a step blocked?)");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        } finally {
            rig.fs().setHook(null);
        }
        if (failure != null) {
            throw new IOException("an actor failed: " + failure, failure);
        }
        return List.copyOf(states);
    }

    private interface Body {
        void run() throws IOException;
    }

    private Thread actor(String name, AtomicInteger running, Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (IOException | RuntimeException e) {
                failure = e;
            } finally {
                if (running != null) {
                    running.decrementAndGet();
                }
            }
        }, name);
        t.setDaemon(true);
        return t;
    }

    /** A writer: random buffered/direct/mmap writes (within the model's write budget), cache fills and reads. */
    private void writer(String name, Random rnd, int ops, AtomicInteger tickets, AtomicLong payloads,
            ConcurrentLinkedQueue<InFlight> bios) throws IOException {
        ModelConstants c = rig.constants();
        List<String> users = new ArrayList<>(c.userFiles());
        for (int i = 0; i < ops; i++) {
            Inode f = rig.file(users.get(rnd.nextInt(users.size())));
            long lb = rnd.nextInt(c.lblocks());
            int kind = rnd.nextInt(5);
            if (kind == 4) {
                if (c.readers().contains("buffered") && !c.dax()) {
                    rig.fs().buffered().readFill(name, f, lb);
                }
                rig.fs().buffered().read(name, f, lb);
            } else {
                Semaphore block = users(f, lb);
                if (!block.tryAcquire()) {
                    continue; // a direct write to this block is in flight, or another user writes it: do something else
                }
                boolean handedToTheBio = false;
                try {
                    if (tickets.getAndDecrement() <= 0) {
                        continue;
                    }
                    String writer = c.writers().stream().toList().get(kind % c.writers().size());
                    byte[] data = BlockPayload.encode(f.ino(), lb, 2, payloads.incrementAndGet());
                    switch (writer) {
                        case "direct" -> {
                            if (c.dax()) {
                                rig.fs().buffered().write(name, f, lb, data); // ext4_dax_write_iter
                            } else {
                                bios.add(new InFlight(rig.fs().direct().submit(name, f, lb, data), block));
                                handedToTheBio = true;
                            }
                        }
                        case "mmap" -> rig.fs().mmap().write(name, f, lb, data);
                        default -> rig.fs().buffered().write(name, f, lb, data);
                    }
                } finally {
                    if (!handedToTheBio) {
                        block.release();
                    }
                }
            }
        }
    }

    /**
     * The users' contract of the spec (Environment.tla, Uncontended): no buffered write, fault or store to a block while
     * a direct write to it is in flight (the kernel loses such a write, kernel finding F1). The users keep it among
     * themselves with one permit per block, held across a page-cache write and from a direct write's submission to its
     * completion; the implementation's steps are never held up for it.
     */
    private Semaphore users(Inode f, long lb) {
        return blockPermits.computeIfAbsent(new PageKey(f.ino(), lb), k -> new Semaphore(1));
    }

    /** A direct write in flight and the block permit its completion gives back. */
    private record InFlight(DirectIo.DioRecord bio, Semaphore block) {}

    @Override
    public void before(Step step) {
        turn.lock();
        try {
            while (!enabled(step)) {
                stepped.await(1, TimeUnit.MILLISECONDS);
            }
        } catch (IOException | InterruptedException e) {
            turn.unlock();
            throw new IllegalStateException("waiting for " + step + ": " + e, e);
        }
    }

    @Override
    public void after(Step step) {
        try {
            record(rig.fs().abstractState());
        } catch (IOException e) {
            failure = e;
        } finally {
            stepped.signalAll();
            turn.unlock();
        }
    }

    private boolean enabled(Step step) throws IOException {
        AbstractState s = rig.fs().abstractState();
        if (step.actor().chars().allMatch(Character::isDigit)) {
            return guards.defragEnabled(rig.mover(Integer.parseInt(step.actor())), s);
        }
        return guards.writerEnabled(step.action().name(), step.ino(), s);
    }

    /** Maps and records a state; a write's payload gets the next spec write number when it first appears. */
    private void record(AbstractState s) {
        List<BlockValue> seen = new ArrayList<>(s.lastWrite().values());
        s.dio().forEach(d -> seen.add(d.val()));
        for (BlockValue v : seen) {
            if (v instanceof BlockValue.Written w && !writeNumbers.containsKey(w.seq())) {
                writeNumbers.put(w.seq(), writeNumbers.size() + 1);
            }
        }
        List<String> steps = new ArrayList<>();
        List<Integer> cursors = new ArrayList<>();
        for (var m : rig.movers()) {
            steps.add(m.step());
            cursors.add(m instanceof defragcheck.impl.defrag.LegacyMoveExtents l ? (int) l.nextPage() + 1 : 1);
        }
        ImplRig.Snapshot snap = new ImplRig.Snapshot(s, steps, cursors, writeNumbers.size());
        states.add(mapping.toTlc(snap, writeNumbers::get));
    }
}
