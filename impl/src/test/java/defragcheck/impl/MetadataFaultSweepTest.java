package defragcheck.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import defragcheck.impl.device.BlockDevice;
import defragcheck.impl.observe.StepHook;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.fs.InvalidImageException;
import defragcheck.impl.fs.Superblock;
import defragcheck.impl.observe.BlockPayload;
import defragcheck.impl.observe.BlockValue;

/**
 * One flipped bit in any metadata byte, or one torn metadata write, never opens as an older filesystem. Images in
 * interesting states (fresh, after writes, a committed but unapplied journal transaction, mid-checkpoint, a
 * transaction committed by a checkpoint because the journal was full) get one bit flipped in every byte of every
 * metadata block (the bit chosen by a seeded random), one at a time; every metadata write of the run that made them
 * is torn after each of its sectors. Each is opened: it must be refused with the image unchanged, or open with the
 * files (names and every block's content) of the last committed state.
 */
class MetadataFaultSweepTest {
    private static final long BLOCKS = 256;
    /** A small inode table: slots of two blocks, a journal of 16, so that a flip in every metadata byte stays quick. */
    private static final int INODES = 16;
    private static final long SEED = 20261130;
    private static final int SECTOR = 512;
    private static final Superblock SB = Superblock.forDevice(BLOCKS, INODES);

    @TempDir
    Path dir;

    /** A state of the run: the first {@code writes} writes applied, {@code committed} the index of its content. */
    private record Mark(int writes, int committed) {}

    /** A file system's content as a reader sees it: name to the value of each block. */
    private record Content(Map<String, List<BlockValue>> files) {}

    /** Every block written during the run, in order, with the index of the operation that wrote it. */
    private static final class WriteLog implements StepHook {
        record Write(long block, byte[] data, int op) {}

        final List<Write> writes = new ArrayList<>();
        int op;

        @Override
        public synchronized void deviceWritten(long block, byte[] data) {
            writes.add(new Write(block, data, op));
        }

        @Override
        public void deviceFlushed() {}
    }

    /** Outcome counts; a silent loss is an open whose content is not the last committed state. */
    private static final class Tally {
        int faults;
        int refused;
        int openedIntact;
        final List<String> losses = new ArrayList<>();

        void judge(OverlayImage image, List<Content> allowed, String fault) throws IOException {
            faults++;
            Filesystem fs;
            try {
                fs = Filesystem.mount(BlockDevice.over(Path.of("sweep"), image, BLOCKS));
            } catch (InvalidImageException e) {
                if (image.deviceWrites() != 0) {
                    losses.add(fault + ": refused (" + e.getMessage() + ") after writing " + image.deviceWrites() + " blocks");
                } else {
                    refused++;
                }
                return;
            }
            try (fs) {
                Content c = content(fs);
                if (allowed.contains(c)) {
                    openedIntact++;
                } else if (losses.size() < 1000) {
                    losses.add(fault + ": opened as " + c.files().keySet() + ", committed " + allowed.get(allowed.size() - 1).files().keySet());
                }
            }
        }

        @Override
        public String toString() {
            return faults + " faults: " + refused + " refused with the image unchanged, " + openedIntact
                    + " opened with the last committed state, " + losses.size() + " silent losses";
        }
    }

    @Test
    void everyFlippedBitAndTornMetadataWriteIsRefusedOrOpensIntact() throws Exception {
        Path image = dir.resolve("sweep.img");
        Filesystem.format(image, BLOCKS, INODES).close();
        byte[][] formatted = readImage(image);
        WriteLog log = new WriteLog();
        List<Content> committed = new ArrayList<>(List.of(new Content(Map.of()))); // committed.get(k): after operation k
        Map<String, Mark> states = new LinkedHashMap<>();
        states.put("fresh", new Mark(0, 0));

        Filesystem first = session(image, log);
        writeFile(log, committed, first, "a", 3);
        writeFile(log, committed, first, "b", 2);
        closeStep(log, committed, first);
        states.put("after writes", new Mark(log.writes.size(), log.op));
        Filesystem second = session(image, log);
        writeFile(log, committed, second, "c", 1);
        states.put("committed, not checkpointed", new Mark(log.writes.size(), log.op));
        closeStep(log, committed, second);
        // The checkpoint's last write is its checkpoint record: without it the home slot is durable, the record not.
        states.put("mid-checkpoint", new Mark(log.writes.size() - 1, log.op));
        Filesystem third = session(image, log);
        int sessionStart = log.writes.size();
        for (int i = 0; !wroteSlot(log, sessionStart); i++) {
            String name = "j" + i;
            step(log, committed, third, () -> third.names().create(name));
        }
        states.put("journal full, committed by a checkpoint", new Mark(log.writes.size(), log.op));
        third.device().observe(null);
        third.close();

        Tally flips = new Tally();
        Random random = new Random(SEED);
        long metadataBytes = SB.dataStart() * BlockDevice.BLOCK_SIZE;
        Map<String, String> perState = new LinkedHashMap<>();
        for (Map.Entry<String, Mark> state : states.entrySet()) {
            byte[][] blocks = apply(formatted, log.writes.subList(0, state.getValue().writes()));
            List<Content> allowed = List.of(committed.get(state.getValue().committed()));
            Tally one = new Tally();
            for (long offset = 0; offset < metadataBytes; offset++) {
                int bit = random.nextInt(8);
                OverlayImage flipped = new OverlayImage(blocks);
                long block = offset / BlockDevice.BLOCK_SIZE;
                byte[] data = flipped.block(block);
                data[(int) (offset % BlockDevice.BLOCK_SIZE)] ^= (byte) (1 << bit);
                flipped.put(block, data);
                one.judge(flipped, allowed, state.getKey() + ", bit " + bit + " of byte " + offset);
            }
            perState.put(state.getKey(), one.toString());
            flips.faults += one.faults;
            flips.refused += one.refused;
            flips.openedIntact += one.openedIntact;
            flips.losses.addAll(one.losses);
        }

        Tally torn = new Tally();
        for (int i = 0; i < log.writes.size(); i++) {
            WriteLog.Write w = log.writes.get(i);
            if (w.block() >= SB.dataStart()) {
                continue;
            }
            byte[][] before = apply(formatted, log.writes.subList(0, i));
            List<Content> allowed = List.of(committed.get(w.op()), committed.get(w.op() + 1));
            for (int sectors = 1; sectors < BlockDevice.BLOCK_SIZE / SECTOR; sectors++) {
                OverlayImage state = new OverlayImage(before);
                byte[] data = state.block(w.block());
                System.arraycopy(w.data(), 0, data, 0, sectors * SECTOR);
                state.put(w.block(), data);
                torn.judge(state, allowed, "write " + i + " (block " + w.block() + ") torn after " + sectors + " sectors");
            }
        }

        System.out.println("metadata bit-flip sweep: " + flips + " (" + metadataBytes + " metadata bytes per image; " + perState + ")");
        System.out.println("torn metadata writes: " + torn);
        assertEquals(List.of(), flips.losses.subList(0, Math.min(20, flips.losses.size())), flips.toString());
        assertEquals(List.of(), torn.losses.subList(0, Math.min(20, torn.losses.size())), torn.toString());
        assertEquals(metadataBytes * states.size(), flips.faults);
        assertTrue(flips.refused > 0 && flips.openedIntact > 0, flips.toString());
        assertTrue(torn.faults > 0, torn.toString());
    }

    private interface Op {
        void run() throws IOException;
    }

    /**
     * Runs one operation (its writes are tagged with the number of the committed state before it) and records the
     * content committed after it.
     */
    private static void step(WriteLog log, List<Content> committed, Filesystem fs, Op op) throws IOException {
        op.run();
        committed.add(content(fs));
        log.op = committed.size() - 1;
    }

    /** Unmounts: a checkpoint, the content unchanged. */
    private static void closeStep(WriteLog log, List<Content> committed, Filesystem fs) throws IOException {
        fs.close();
        committed.add(committed.get(committed.size() - 1));
        log.op = committed.size() - 1;
    }

    private static Filesystem session(Path image, WriteLog log) throws IOException {
        Filesystem fs = Filesystem.open(image);
        fs.device().observe(log);
        return fs;
    }

    /** Creates, fallocates and fills a file, one transaction a step (a direct write is durable before its commit). */
    private static void writeFile(WriteLog log, List<Content> committed, Filesystem fs, String name, int blocks) throws IOException {
        step(log, committed, fs, () -> fs.names().create(name));
        Inode f = fs.names().lookup(name);
        step(log, committed, fs, () -> fs.space().fallocate(f, 0, blocks));
        for (int l = 0; l < blocks; l++) {
            long lblock = l;
            step(log, committed, fs, () -> fs.direct().write("sweep", f, lblock, BlockPayload.encode(f.ino(), lblock, 1, 1)));
        }
    }

    private static boolean wroteSlot(WriteLog log, int from) {
        return log.writes.subList(from, log.writes.size()).stream().anyMatch(w -> w.block() >= SB.slotStart(0) && w.block() < SB.dataStart());
    }

    private static Content content(Filesystem fs) throws IOException {
        Map<String, List<BlockValue>> files = new TreeMap<>();
        for (Inode i : fs.names().inodes()) {
            List<BlockValue> values = new ArrayList<>();
            for (long l = 0; l < i.sizeBlocks(); l++) {
                values.add(BlockPayload.decode(fs.buffered().read("sweep", i, l)));
            }
            files.put(i.name(), values);
        }
        return new Content(files);
    }

    private static byte[][] readImage(Path image) throws IOException {
        byte[][] blocks = new byte[(int) BLOCKS][];
        try (InputStream in = Files.newInputStream(image)) {
            for (int b = 0; b < BLOCKS; b++) {
                blocks[b] = in.readNBytes(BlockDevice.BLOCK_SIZE);
            }
        }
        return blocks;
    }

    private static byte[][] apply(byte[][] base, List<WriteLog.Write> writes) {
        byte[][] out = base.clone();
        for (WriteLog.Write w : writes) {
            out[(int) w.block()] = w.data();
        }
        return out;
    }
}
