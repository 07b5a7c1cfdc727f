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
import defragcheck.impl.fs.CrashAblation;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.InvalidImageException;

/**
 * Materializes every crash state of a recorded run (epoch by epoch: the durable image so far plus a subset of the
 * open epoch's writes; all subsets up to {@link #EXHAUSTIVE} writes, else none, all, each single write, all but
 * each single write and {@link #SAMPLES} random subsets), mounts it (recovery), and checks it. The durable image is
 * advanced incrementally; a state only adds its own blocks on top (see {@link OverlayImage}).
 */
final class CrashExplorer {
    static final int EXHAUSTIVE = 12;
    static final int SAMPLES = 1024;

    /** What a recovered state must satisfy; returns its violations (empty: fine). */
    interface Check {
        List<String> check(Filesystem fs, int epoch) throws IOException;
    }

    /** Refused by recovery (a clear error at open): the prefix of its violation message. */
    static final String UNRECOVERABLE = "unrecoverable: ";

    /** {@code byKind}: how many states show each kind of violation (a message's text up to its ": "). */
    record Result(int states, int violating, int epochs, int largestEpoch, Map<String, Integer> byKind, List<String> examples) {
        @Override
        public String toString() {
            return states + " crash states over " + epochs + " flush epochs (largest open epoch " + largestEpoch
                    + " writes), " + violating + " violating " + byKind + (examples.isEmpty() ? "" : "; e.g. " + examples);
        }
    }

    private CrashExplorer() {}

    static Result explore(byte[][] initial, List<List<CrashRecorder.Write>> epochs, Set<CrashAblation> recovery, Check check, long seed)
            throws IOException {
        byte[][] durable = initial.clone();
        Random random = new Random(seed);
        int states = 0;
        int violating = 0;
        int largest = 0;
        List<String> examples = new ArrayList<>();
        Map<String, Integer> byKind = new TreeMap<>();
        for (int j = 0; j < epochs.size(); j++) {
            List<CrashRecorder.Write> open = epochs.get(j);
            largest = Math.max(largest, open.size());
            for (boolean[] subset : subsets(open.size(), random)) {
                OverlayImage state = new OverlayImage(durable);
                for (int k = 0; k < open.size(); k++) {
                    if (subset[k]) {
                        state.put(open.get(k).block(), open.get(k).data());
                    }
                }
                List<String> v = recoverAndCheck(state, durable.length, recovery, check, j);
                states++;
                if (!v.isEmpty()) {
                    violating++;
                    Set<String> kinds = new TreeSet<>();
                    for (String msg : v) {
                        kinds.add(msg.substring(0, msg.indexOf(':')));
                    }
                    for (String k : kinds) {
                        if (byKind.merge(k, 1, Integer::sum) == 1) {
                            examples.add("epoch " + j + ": " + v.subList(0, Math.min(2, v.size())));
                        }
                    }
                }
            }
            for (CrashRecorder.Write w : open) {
                durable[(int) w.block()] = w.data();
            }
        }
        return new Result(states, violating, epochs.size(), largest, byKind, examples);
    }

    private static List<String> recoverAndCheck(OverlayImage state, int blocks, Set<CrashAblation> recovery, Check check, int epoch)
            throws IOException {
        Filesystem fs;
        try {
            fs = Filesystem.mount(BlockDevice.over(Path.of("crash-state"), state, blocks), recovery);
        } catch (InvalidImageException e) {
            return List.of(UNRECOVERABLE + e.getMessage());
        }
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
