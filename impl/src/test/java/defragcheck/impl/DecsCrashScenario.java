package defragcheck.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import defragcheck.conformance.crash.CrashAblation;
import defragcheck.conformance.ImplRig.Movers;
import defragcheck.impl.defrag.DefragOptions;
import defragcheck.impl.defrag.DrainEvictCopySwap;
import defragcheck.impl.defrag.MoveExtentRequest;
import defragcheck.impl.defrag.MoveExtents;
import defragcheck.impl.defrag.Protocol;
import defragcheck.impl.device.BlockDevice;
import defragcheck.impl.fs.Extent;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.fs.InodeFlag;
import defragcheck.impl.io.DirectIo;
import defragcheck.impl.observe.BlockPayload;
import defragcheck.impl.observe.BlockValue;

/**
 * One drain-evict-copy-swap of a fragmented orig (one block per extent) into a contiguous donor, with concurrent
 * buffered and direct writers and fsyncs, on a small image whose writes and flushes are recorded from a checkpointed
 * start to unmount; then the crash invariants every recovered state must satisfy.
 */
final class DecsCrashScenario {
    /** The request length in the default scenario: 8 copied blocks, the DIO and the flushed page and the intent make an 11-write epoch. */
    static final int BLOCKS = 8;
    static final long IMAGE_BLOCKS = 256;
    private static final int BUFFERED_WRITER = 2;
    private static final int DIRECT_WRITER = 3;
    /** Kinds of violation, the prefix of each message. */
    static final String CONSERVATION = "conservation: ";
    static final String MIXED = "mixed mapping: ";
    static final String GARBAGE = "garbage: ";
    static final String LOST = "lost write: ";
    static final String EXPOSED = "exposure: ";

    private final int blocks;
    final byte[][] initial;
    final List<List<CrashRecorder.Write>> epochs;
    private final WriteHistory history;
    private final List<Long> origBefore;
    private final List<Long> origAfter;

    private DecsCrashScenario(int blocks, byte[][] initial, List<List<CrashRecorder.Write>> epochs, WriteHistory history, List<Long> before,
            List<Long> after) {
        this.blocks = blocks;
        this.initial = initial;
        this.epochs = epochs;
        this.history = history;
        this.origBefore = before;
        this.origAfter = after;
    }

    /**
     * Records the deterministic schedule (or, with {@code threads}, the defrag racing two writer threads).
     * {@code ablation}, if not null, is switched on for the run (NO_REPLAY only matters at recovery).
     */
    static DecsCrashScenario record(Path image, boolean dax, CrashAblation ablation, boolean threads) throws Exception {
        return record(image, dax, ablation, threads, BLOCKS);
    }

    /** The same with a request of {@code blocks} blocks (at least 8). */
    static DecsCrashScenario record(Path image, boolean dax, CrashAblation ablation, boolean threads, int blocks) throws Exception {
        setUp(image, dax, blocks);
        byte[][] initial = readImage(image);
        CrashRecorder rec = new CrashRecorder();
        WriteHistory history = new WriteHistory();
        List<Long> before;
        List<Long> after;
        try (Filesystem fs = Filesystem.open(image)) {
            Inode orig = fs.names().lookup("orig");
            Inode donor = fs.names().lookup("donor");
            for (long l = 0; l < blocks; l++) {
                history.initial(l, BlockPayload.decode(fs.buffered().read("check", orig, l)));
            }
            before = physical(fs, orig, blocks);
            fs.device().observe(ablation == null ? rec : ablation.media(rec));
            Movers movers = ablation == null ? MoveExtents::create : ablation::mover;
            if (threads) {
                racingWriters(fs, orig, donor, rec, history, blocks, movers);
            } else {
                schedule(fs, orig, donor, rec, history, blocks, movers);
            }
            after = physical(fs, orig, blocks);
        }
        return new DecsCrashScenario(blocks, initial, rec.epochs(), history, before, after);
    }

    /** orig interleaved with a filler file (so one extent per block), written and synced; donor contiguous, unwritten; checkpointed. */
    private static void setUp(Path image, boolean dax, int blocks) throws IOException {
        InodeFlag[] flags = dax ? new InodeFlag[] {InodeFlag.DAX} : new InodeFlag[0];
        try (Filesystem fs = Filesystem.format(image, IMAGE_BLOCKS)) {
            Inode orig = fs.names().create("orig", flags);
            Inode filler = fs.names().create("filler");
            for (int l = 0; l < blocks; l++) {
                fs.space().fallocate(orig, l, 1);
                fs.space().fallocate(filler, l, 1);
            }
            for (int l = 0; l < blocks; l++) {
                fs.buffered().write("setup", orig, l, BlockPayload.encode(orig.ino(), l, Fixture.WRITER, 1));
            }
            fs.names().createContiguous("donor", blocks, flags);
        } // unmount: sync and checkpoint
    }

    private static void schedule(Filesystem fs, Inode orig, Inode donor, CrashRecorder rec, WriteHistory h, int blocks, Movers movers)
            throws IOException {
        List<WriteHistory.UserWrite> completed = new ArrayList<>();
        completed.add(buffered(fs, orig, 1, 1, rec, h));
        byte[] w = BlockPayload.encode(orig.ino(), 2, DIRECT_WRITER, 1);
        WriteHistory.UserWrite dioWrite = h.issued(2, BlockPayload.decode(w), rec.flushes());
        DirectIo.DioRecord dio = fs.direct().submit("dio", orig, 2, w);
        DrainEvictCopySwap move = (DrainEvictCopySwap) movers.create(Protocol.DECS, new MoveExtentRequest(orig, donor, 0, 0, blocks),
                DefragOptions.defaults().withId("defrag").withCopyThreads(2));
        move.lockInodes();
        move.lockInvalidate();
        fs.direct().complete(dio); // in flight across the defrag's first steps, completed before the drain
        completed.add(dioWrite);
        move.drainDio();
        move.flushCache();
        move.evictCache();
        move.copyData();
        move.swapExtents();
        move.unlock();
        completed.add(direct(fs, orig, 0, 2, rec, h));
        completed.add(buffered(fs, orig, 5, 2, rec, h));
        fs.sync();
        durable(completed, rec);
        buffered(fs, orig, 3, 3, rec, h);
        fs.writeback().writebackAll("flusher");
        direct(fs, orig, 6, 3, rec, h); // never fsynced: may or may not survive
    }

    /** The defrag in this thread, two writer threads on disjoint blocks, each fsyncing every other write. */
    private static void racingWriters(Filesystem fs, Inode orig, Inode donor, CrashRecorder rec, WriteHistory h, int blocks, Movers movers)
            throws Exception {
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            boolean useDirect = t == 1;
            int first = t;
            writers.add(CompletableFuture.runAsync(() -> {
                try {
                    List<WriteHistory.UserWrite> mine = new ArrayList<>();
                    long seq = 1;
                    for (int round = 0; round < 2; round++) {
                        for (long l = first; l < blocks; l += 4) {
                            mine.add(useDirect ? direct(fs, orig, l, seq++, rec, h) : buffered(fs, orig, l, seq++, rec, h));
                        }
                        fs.sync();
                        durable(mine, rec);
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
        movers.create(Protocol.DECS, new MoveExtentRequest(orig, donor, 0, 0, blocks), DefragOptions.defaults().withId("defrag").withCopyThreads(2)).run();
        for (CompletableFuture<Void> w : writers) {
            w.get(30, TimeUnit.SECONDS);
        }
    }

    private static WriteHistory.UserWrite buffered(Filesystem fs, Inode orig, long l, long seq, CrashRecorder rec, WriteHistory h) throws IOException {
        byte[] data = BlockPayload.encode(orig.ino(), l, BUFFERED_WRITER, seq);
        WriteHistory.UserWrite w = h.issued(l, BlockPayload.decode(data), rec.flushes());
        fs.buffered().write("buffered", orig, l, data);
        return w;
    }

    private static WriteHistory.UserWrite direct(Filesystem fs, Inode orig, long l, long seq, CrashRecorder rec, WriteHistory h) throws IOException {
        byte[] data = BlockPayload.encode(orig.ino(), l, DIRECT_WRITER, seq);
        WriteHistory.UserWrite w = h.issued(l, BlockPayload.decode(data), rec.flushes());
        fs.direct().write("direct", orig, l, data);
        return w;
    }

    /** An fsync covering {@code writes} has returned: states from the current epoch on must keep them. */
    private static void durable(List<WriteHistory.UserWrite> writes, CrashRecorder rec) {
        int now = rec.flushes();
        for (WriteHistory.UserWrite w : writes) {
            w.durableEpoch = Math.min(w.durableEpoch, now);
        }
    }

    private static List<Long> physical(Filesystem fs, Inode f, int blocks) throws IOException {
        return fs.transactions().read(() -> {
            List<Long> out = new ArrayList<>();
            for (long l = 0; l < blocks; l++) {
                out.add(f.extentMap().physical(l));
            }
            return out;
        });
    }

    private static byte[][] readImage(Path image) throws IOException {
        byte[] all = Files.readAllBytes(image);
        byte[][] blocks = new byte[all.length / BlockDevice.BLOCK_SIZE][];
        for (int b = 0; b < blocks.length; b++) {
            blocks[b] = Arrays.copyOfRange(all, b * BlockDevice.BLOCK_SIZE, (b + 1) * BlockDevice.BLOCK_SIZE);
        }
        return blocks;
    }

    /**
     * The crash invariants of a recovered state: conservation (no block mapped twice, the bitmap is exactly the
     * mapped blocks); the request all-old or all-new in orig; every orig block its last durable write or a later one
     * (never the donor's garbage, never zeros); the donor's range reads zeros (orig's old data never exposed).
     */
    List<String> check(Filesystem fs, int epoch) throws IOException {
        List<String> v = new ArrayList<>();
        BitSet mapped = new BitSet();
        long total = 0;
        for (Inode i : fs.names().inodes()) {
            for (Extent e : fs.space().extents(i)) {
                for (long b = e.pblock(); b < e.pblock() + e.length(); b++) {
                    if (mapped.get((int) b)) {
                        v.add(CONSERVATION + "block " + b + " mapped twice");
                    }
                    mapped.set((int) b);
                    total++;
                    if (!fs.space().allocator().isUsed(b)) {
                        v.add(CONSERVATION + "mapped block " + b + " is free in the bitmap");
                    }
                }
            }
        }
        long used = fs.device().blocks() - fs.superblock().dataStart() - fs.space().freeBlocks();
        if (used != total) {
            v.add(CONSERVATION + "bitmap has " + used + " blocks in use, the extents map " + total);
        }
        Inode orig = fs.names().lookup("orig");
        Inode donor = fs.names().lookup("donor");
        if (orig == null || donor == null) {
            v.add(LOST + "orig or donor missing");
            return v;
        }
        List<Long> now = physical(fs, orig, blocks);
        if (!now.equals(origBefore) && !now.equals(origAfter)) {
            v.add(MIXED + "orig maps " + now + ": neither the old " + origBefore + " nor the new " + origAfter + " mapping");
        }
        for (long l = 0; l < blocks; l++) {
            BlockValue got = value(fs, orig, l);
            if (!history.allowed(l, epoch).contains(got)) {
                v.add((got.equals(BlockValue.GARBAGE) ? GARBAGE : LOST) + "orig[" + l + "] = " + got + ", allowed " + history.allowed(l, epoch));
            }
            BlockValue d = value(fs, donor, l);
            if (!d.equals(BlockValue.ZERO)) {
                v.add(EXPOSED + "donor[" + l + "] exposes " + d);
            }
        }
        return v;
    }

    /** The durable reader view: zeros for a hole or unwritten extent, else the mapped block's content. */
    private static BlockValue value(Filesystem fs, Inode f, long l) throws IOException {
        Extent e = f.find(l);
        if (e == null || e.unwritten()) {
            return BlockValue.ZERO;
        }
        return BlockPayload.decode(fs.device().readBlock(e.pblock() + (l - e.lblock())));
    }
}
