package defragcheck.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import defragcheck.impl.cache.PageKey;
import defragcheck.impl.defrag.DefragOptions;
import defragcheck.impl.defrag.MoveExtents;
import defragcheck.impl.defrag.Protocol;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.fs.InodeFlag;
import defragcheck.impl.observe.BlockPayload;
import defragcheck.impl.observe.BlockValue;
import defragcheck.conformance.WriteGhost;
import defragcheck.impl.observe.ContentCheck;

/**
 * {@code soak}: at least {@code --ops} operations over many files, half of them DAX, with buffered, asynchronous
 * direct and mmap writers, readers and two defraggers (DECS moves between each file and its donor) running freely
 * with the background flusher. Each block has one writer, which knows its last completed write: a read older than
 * it, of another block or of garbage is a stale read; at the end (and after a remount) every block must hold its last
 * completed write, else it is a lost write. Exit 0 iff there were neither.
 */
public final class Soak {
    public static final String USAGE = "usage: soak [--ops N] [--files N] [--blocks N] [--dir PATH]";
    private static final int KINDS = 3; // buffered, direct, mmap
    private static final int PARTS = 2;

    private Soak() {}

    public static int main(String[] args, PrintStream out, PrintStream err) {
        long ops = 1_000_000;
        int files = 16;
        int blocks = 48;
        Path dir = Path.of(".");
        try {
            for (int i = 0; i < args.length; i += 2) {
                if (args[i].equals("--help")) {
                    out.println(USAGE);
                    return 0;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--ops" -> ops = Long.parseLong(args[i + 1]);
                    case "--files" -> files = Integer.parseInt(args[i + 1]);
                    case "--blocks" -> blocks = Integer.parseInt(args[i + 1]);
                    case "--dir" -> dir = Path.of(args[i + 1]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (ops < 1 || files < PARTS || blocks < 2 * KINDS) {
                throw new IllegalArgumentException("--ops >= 1, --files >= " + PARTS + ", --blocks >= " + 2 * KINDS);
            }
        } catch (IllegalArgumentException e) {
            err.println("soak: " + e.getMessage());
            return 2;
        }
        try {
            return run(ops, files, blocks, dir, out) ? 0 : 1;
        } catch (IOException | RuntimeException | InterruptedException e) {
            err.println("soak: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 2;
        }
    }

    static boolean run(long ops, int files, int blocks, Path dir, PrintStream out) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory(dir, "defragcheck-soak");
        Path image = work.resolve("soak.img");
        try {
            return soak(image, ops, files, blocks, out);
        } finally {
            Files.deleteIfExists(image);
            Files.deleteIfExists(work);
        }
    }

    private static boolean soak(Path image, long ops, int files, int blocks, PrintStream out) throws IOException, InterruptedException {
        AtomicLongArray completed = new AtomicLongArray(files * blocks);
        AtomicLong writes = new AtomicLong();
        AtomicLong directWrites = new AtomicLong();
        AtomicLong mmapWrites = new AtomicLong();
        AtomicLong reads = new AtomicLong();
        AtomicLong moves = new AtomicLong();
        AtomicLong staleReads = new AtomicLong();
        ConcurrentLinkedQueue<String> staleExamples = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        Map<PageKey, BlockValue> finalValues;
        List<String> names = new ArrayList<>();
        long t0 = System.nanoTime();
        long lost = 0;
        try (Filesystem fs = Filesystem.format(image, 3L * files * blocks + 4096)) {
            WriteGhost ghost = WriteGhost.attach(fs);
            List<Inode> origs = new ArrayList<>();
            List<Inode> donors = new ArrayList<>();
            for (int f = 0; f < files; f++) {
                InodeFlag[] flags = f % 2 == 1 ? new InodeFlag[] {InodeFlag.DAX} : new InodeFlag[0];
                Inode o = fs.names().create("file" + f, flags);
                Inode d = fs.names().create("donor" + f, flags);
                fs.space().fallocate(o, 0, blocks);
                fs.space().fallocate(d, 0, blocks);
                origs.add(o);
                donors.add(d);
                names.add(o.name());
                for (int l = 0; l < blocks; l++) {
                    fs.buffered().write("setup", o, l, payload(o, l, 1));
                    completed.set(f * blocks + l, 1);
                }
            }
            fs.writeback().startDaemon(5);
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            for (int kind = 0; kind < KINDS; kind++) {
                for (int part = 0; part < PARTS; part++) {
                    int k = kind;
                    int p = part;
                    threads.add(actor("writer-" + k + "-" + p, failures, () -> {
                        Random rnd = new Random(31L * k + p);
                        Map<Integer, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
                        String me = "writer-" + k + "-" + p;
                        while (!stop.get()) {
                            int f = p + PARTS * rnd.nextInt(files / PARTS);
                            int l = k + KINDS * rnd.nextInt(blocks / KINDS);
                            Inode o = origs.get(f);
                            int idx = f * blocks + l;
                            if (inFlight.containsKey(idx)) {
                                continue;
                            }
                            long seq = completed.get(idx) + 1;
                            byte[] data = payload(o, l, seq);
                            switch (k) {
                                case 0 -> {
                                    fs.buffered().write(me, o, l, data);
                                    completed.set(idx, seq);
                                }
                                case 1 -> {
                                    if (o.isDax()) {
                                        fs.buffered().write(me, o, l, data); // ext4_dax_write_iter: O_DIRECT on DAX
                                        completed.set(idx, seq);
                                    } else {
                                        CompletableFuture<Void> done = fs.direct().writeAsync(me, o, l, data);
                                        inFlight.put(idx, done);
                                        done.thenRun(() -> {
                                            completed.set(idx, seq);
                                            inFlight.remove(idx);
                                        });
                                    }
                                    directWrites.incrementAndGet();
                                }
                                default -> {
                                    fs.mmap().write(me, o, l, data);
                                    completed.set(idx, seq);
                                    mmapWrites.incrementAndGet();
                                }
                            }
                            writes.incrementAndGet();
                        }
                        for (CompletableFuture<Void> done : inFlight.values()) {
                            done.get(60, TimeUnit.SECONDS);
                        }
                    }));
                }
            }
            for (int r = 0; r < 2; r++) {
                int reader = r;
                threads.add(actor("reader-" + r, failures, () -> {
                    Random rnd = new Random(1000 + reader);
                    while (!stop.get()) {
                        int f = rnd.nextInt(files);
                        int l = rnd.nextInt(blocks);
                        Inode o = origs.get(f);
                        long atLeast = completed.get(f * blocks + l);
                        BlockValue v = BlockPayload.decode(fs.buffered().read("reader-" + reader, o, l));
                        if (!(v instanceof BlockValue.Written w) || w.ino() != o.ino() || w.lblock() != l || w.seq() < atLeast) {
                            staleReads.incrementAndGet();
                            if (staleExamples.size() < 5) {
                                staleExamples.add(o + ":" + l + " read " + v + ", last completed seq " + atLeast);
                            }
                        }
                        BlockValue dv = BlockPayload.decode(fs.buffered().read("reader-" + reader, donors.get(f), rnd.nextInt(blocks)));
                        if (!(dv instanceof BlockValue.Zero)) {
                            staleReads.incrementAndGet();
                            if (staleExamples.size() < 5) {
                                staleExamples.add("donor of " + o + " exposes " + dv);
                            }
                        }
                        reads.addAndGet(2);
                    }
                }));
            }
            for (int d = 0; d < PARTS; d++) {
                int defragger = d;
                threads.add(actor("defragger-" + d, failures, () -> {
                    Random rnd = new Random(77 + defragger);
                    DefragOptions opts = DefragOptions.defaults().withId("defragger-" + defragger).withCopyThreads(2);
                    while (!stop.get()) {
                        int f = rnd.nextInt(files);
                        long start = rnd.nextInt(blocks / 2);
                        long len = 1 + rnd.nextInt((int) (blocks - start));
                        MoveExtents.moveExtents(Protocol.DECS, origs.get(f), donors.get(f), start, start, len, opts);
                        moves.incrementAndGet();
                    }
                }));
            }
            threads.forEach(Thread::start);
            long lastReport = System.nanoTime();
            while (failures.isEmpty() && writes.get() + reads.get() + moves.get() < ops) {
                Thread.sleep(100);
                if (System.nanoTime() - lastReport > 10_000_000_000L) {
                    lastReport = System.nanoTime();
                    out.printf(Locale.ROOT, "  %.0f s: %d writes, %d reads, %d defrag moves%n", (lastReport - t0) / 1e9, writes.get(), reads.get(), moves.get());
                }
            }
            stop.set(true);
            for (Thread t : threads) {
                t.join(120_000);
                if (t.isAlive()) {
                    throw new IOException(t.getName() + " did not stop within 120 s");
                }
            }
            fs.writeback().stopDaemon();
            if (!failures.isEmpty()) {
                throw new IOException("an actor failed: " + failures.peek(), failures.peek());
            }
            for (int f = 0; f < files; f++) {
                Inode o = origs.get(f);
                for (int l = 0; l < blocks; l++) {
                    BlockValue want = new BlockValue.Written(o.ino(), l, l % KINDS, completed.get(f * blocks + l));
                    BlockValue seen = BlockPayload.decode(fs.buffered().read("verify", o, l));
                    if (!want.equals(seen) || !want.equals(ghost.lastWrite().get(new PageKey(o.ino(), l)))) {
                        lost++;
                    }
                }
                if (!ghost.verify(o).intact()) {
                    lost++;
                }
            }
            finalValues = Map.copyOf(ghost.lastWrite());
        }
        long afterRemount = 0;
        try (Filesystem fs = Filesystem.open(image)) {
            for (String name : names) {
                Inode o = fs.names().lookup(name);
                ContentCheck.Report r = ContentCheck.verify(o, l -> finalValues.get(new PageKey(o.ino(), l)));
                if (!r.intact()) {
                    afterRemount += r.blocks() - r.ok();
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long total = writes.get() + reads.get() + moves.get();
        out.printf(Locale.ROOT, "soak: %d operations in %.1f s (%.0f ops/s) over %d files of %d blocks (%d DAX): %d writes (%d direct, %d mmap, rest buffered), %d reads, %d DECS moves%n",
                total, seconds, total / seconds, files, blocks, files / 2, writes.get(), directWrites.get(), mmapWrites.get(), reads.get(), moves.get());
        out.printf(Locale.ROOT, "soak: lost writes %d (after remount %d), stale reads %d%s%n", lost, afterRemount, staleReads.get(),
                staleExamples.isEmpty() ? "" : " e.g. " + staleExamples);
        return lost == 0 && afterRemount == 0 && staleReads.get() == 0;
    }

    private static byte[] payload(Inode o, long l, long seq) {
        return BlockPayload.encode(o.ino(), l, (int) (l % KINDS), seq);
    }

    private interface Body {
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
