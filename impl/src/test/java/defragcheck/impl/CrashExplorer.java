package defragcheck.impl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import defragcheck.impl.device.BlockDevice;
import defragcheck.conformance.crash.JournalHidden;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.InvalidImageException;
import defragcheck.impl.fs.Superblock;

/**
 * Materializes every crash state of a recorded run (epoch by epoch: the durable image so far plus a subset of the
 * open epoch's writes; all subsets up to {@link #EXHAUSTIVE} writes, else none, all, each single write, all but
 * each single write and {@link #SAMPLES} random subsets), mounts it (recovery), and checks it; where recovery
 * writes, also every state of a second crash during recovery; and each metadata write torn at a sector boundary. The durable image is advanced incrementally; a state
 * only adds its own blocks on top (see {@link OverlayImage}). Without {@code replay} ({@code CrashAblation.NO_REPLAY})
 * each state's journal records are cleared before it is mounted: recovery that never sees the journal.
 */
final class CrashExplorer {
    static final int EXHAUSTIVE = 12;
    static final int SAMPLES = 1024;
    private static final int SECTOR = 512;
    /** Where a metadata write is torn: after its first sector, and half-way. */
    private static final int[] TORN_SECTORS = {1, 4};

    /** What a recovered state must satisfy; returns its violations (empty: fine). */
    interface Check {
        List<String> check(Filesystem fs, int epoch) throws IOException;
    }

    /** Refused by recovery (a clear error at open): the prefix of its violation message. */
    static final String UNRECOVERABLE = "unrecoverable: ";

    /**
     * {@code states} includes {@code recoveryCrashes}, the states of a second crash during recovery, and {@code torn},
     * those with a torn metadata write; {@code byKind}: how many states show each kind of violation (a message's text
     * up to its ": ").
     */
    record Result(int states, int recoveryCrashes, int torn, int violating, int epochs, int largestEpoch, Map<String, Integer> byKind,
            List<String> examples) {
        @Override
        public String toString() {
            return states + " crash states (" + recoveryCrashes + " with a crash during recovery, " + torn
                    + " with a torn metadata write) over " + epochs
                    + " flush epochs (largest open epoch " + largestEpoch + " writes), " + violating + " violating " + byKind
                    + (examples.isEmpty() ? "" : "; e.g. " + examples);
        }
    }

    private CrashExplorer() {}

    static Result explore(byte[][] initial, List<List<CrashRecorder.Write>> epochs, boolean replay, Check check, long seed)
            throws IOException {
        Tally tally = new Tally();
        byte[][] durable = initial.clone();
        Random random = new Random(seed);
        for (int j = 0; j < epochs.size(); j++) {
            List<CrashRecorder.Write> open = epochs.get(j);
            tally.largest = Math.max(tally.largest, open.size());
            for (boolean[] subset : subsets(open.size(), random)) {
                OverlayImage state = new OverlayImage(durable);
                put(state, open, subset);
                CrashRecorder duringRecovery = new CrashRecorder();
                tally.judge(recoverAndCheck(state.copy(), durable.length, replay, check, j, duringRecovery), "epoch " + j);
                crashDuringRecovery(state, duringRecovery.epochs(), durable.length, replay, check, j, random, tally);
            }
            tornMetadataWrites(durable, open, replay, check, j, tally);
            for (CrashRecorder.Write w : open) {
                durable[(int) w.block()] = w.data();
            }
        }
        return new Result(tally.states, tally.recoveryCrashes, tally.torn, tally.violating, epochs.size(), tally.largest, tally.byKind, tally.examples);
    }

    /**
     * A crash in the middle of a metadata write (journal or home slot): the writes before it in its epoch are on the
     * media, it only its first {@link #TORN_SECTORS} sectors. Data blocks are not torn: a torn user write is garbage
     * on any filesystem, and no promise of the protocol.
     */
    private static void tornMetadataWrites(byte[][] durable, List<CrashRecorder.Write> open, boolean replay, Check check,
            int epoch, Tally tally) throws IOException {
        long dataStart = Superblock.forDevice(durable.length, Filesystem.MAX_INODES).dataStart();
        OverlayImage before = new OverlayImage(durable);
        for (CrashRecorder.Write w : open) {
            if (w.block() < dataStart) {
                for (int sectors : TORN_SECTORS) {
                    OverlayImage state = before.copy();
                    byte[] torn = state.block(w.block());
                    System.arraycopy(w.data(), 0, torn, 0, sectors * SECTOR);
                    state.put(w.block(), torn);
                    tally.torn++;
                    tally.judge(recoverAndCheck(state, durable.length, replay, check, epoch, null), "epoch " + epoch + ", torn write of block " + w.block());
                }
            }
            before.put(w.block(), w.data());
        }
    }

    /**
     * A second crash while recovery writes (its checkpoint): every such state, recovered again, must pass the same
     * check as if the first recovery had never started (recovery is idempotent).
     */
    private static void crashDuringRecovery(OverlayImage crashed, List<List<CrashRecorder.Write>> recoveryEpochs, int blocks,
            boolean replay, Check check, int epoch, Random random, Tally tally) throws IOException {
        if (recoveryEpochs.stream().allMatch(List::isEmpty)) {
            return;
        }
        OverlayImage durable = crashed.copy();
        for (List<CrashRecorder.Write> open : recoveryEpochs) {
            for (boolean[] subset : subsets(open.size(), random)) {
                OverlayImage state = durable.copy();
                put(state, open, subset);
                tally.recoveryCrashes++;
                tally.judge(recoverAndCheck(state, blocks, replay, check, epoch, null), "epoch " + epoch + ", crash during recovery");
            }
            put(durable, open, null);
        }
    }

    private static void put(OverlayImage state, List<CrashRecorder.Write> writes, boolean[] subset) {
        for (int k = 0; k < writes.size(); k++) {
            if (subset == null || subset[k]) {
                state.put(writes.get(k).block(), writes.get(k).data());
            }
        }
    }

    /** Counts of the states judged so far. */
    private static final class Tally {
        int states;
        int recoveryCrashes;
        int torn;
        int violating;
        int largest;
        final Map<String, Integer> byKind = new TreeMap<>();
        final List<String> examples = new ArrayList<>();

        void judge(List<String> v, String where) {
            states++;
            if (v.isEmpty()) {
                return;
            }
            violating++;
            Set<String> kinds = new TreeSet<>();
            for (String msg : v) {
                kinds.add(msg.substring(0, msg.indexOf(':')));
            }
            for (String k : kinds) {
                if (byKind.merge(k, 1, Integer::sum) == 1) {
                    examples.add(where + ": " + v.subList(0, Math.min(2, v.size())));
                }
            }
        }
    }

    /**
     * Mounts (recovers) and checks a state, its journal records cleared first unless {@code replay}; {@code recorder},
     * if not null, sees recovery's writes and flushes.
     */
    private static List<String> recoverAndCheck(OverlayImage state, int blocks, boolean replay, Check check, int epoch,
            CrashRecorder recorder) throws IOException {
        if (!replay) {
            JournalHidden.recordBlocks(Superblock.forDevice(blocks, Filesystem.MAX_INODES)).forEach(b -> state.put(b, new byte[BlockDevice.BLOCK_SIZE]));
        }
        BlockDevice device = BlockDevice.over(Path.of("crash-state"), state, blocks);
        device.observe(recorder);
        Filesystem fs;
        try {
            fs = Filesystem.mount(device);
        } catch (InvalidImageException e) {
            return List.of(UNRECOVERABLE + e.getMessage());
        }
        device.observe(null); // what the check and unmount write is not recovery
        try (fs) {
            return check.check(fs, epoch);
        }
    }

    private static List<boolean[]> subsets(int n, Random random) {
        List<boolean[]> out = new ArrayList<>();
        if (n <= EXHAUSTIVE) {
            for (int mask = 0; mask < 1 << n; mask++) {
                boolean[] s = new boolean[n];
                for (int k = 0; k < n; k++) {
                    s[k] = (mask & (1 << k)) != 0;
                }
                out.add(s);
            }
            return out;
        }
        out.add(new boolean[n]);
        boolean[] all = new boolean[n];
        java.util.Arrays.fill(all, true);
        out.add(all);
        for (int k = 0; k < n; k++) {
            boolean[] one = new boolean[n];
            one[k] = true;
            out.add(one);
            boolean[] allButOne = all.clone();
            allButOne[k] = false;
            out.add(allButOne);
        }
        for (int i = 0; i < SAMPLES; i++) {
            boolean[] s = new boolean[n];
            for (int k = 0; k < n; k++) {
                s[k] = random.nextBoolean();
            }
            out.add(s);
        }
        return out;
    }
}
