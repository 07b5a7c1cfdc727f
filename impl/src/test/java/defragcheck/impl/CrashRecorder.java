package defragcheck.impl;

import java.util.ArrayList;
import java.util.List;

import defragcheck.impl.observe.StepHook;

/**
 * The device's write log for crash exploration (CrashMonkey/ALICE style): every block written, with its data, and
 * every flush, in order. The writes between two flushes form an epoch; a crash state is every write of the epochs
 * before some flush plus any subset of the writes of the epoch after it (a write-back cache persists in any order).
 */
final class CrashRecorder implements StepHook {
    record Write(long block, byte[] data) {}

    /** Epoch i holds the writes after flush i-1 and before flush i (the last one: after the last flush). */
    private final List<List<Write>> epochs = new ArrayList<>(List.of(new ArrayList<>()));

    @Override
    public synchronized void deviceWritten(long block, byte[] data) {
        epochs.get(epochs.size() - 1).add(new Write(block, data));
    }

    @Override
    public synchronized void deviceFlushed() {
        epochs.add(new ArrayList<>());
    }

    /** Flushes completed so far: a write issued now belongs to epoch {@code flushes()}. */
    synchronized int flushes() {
        return epochs.size() - 1;
    }

    synchronized List<List<Write>> epochs() {
        List<List<Write>> copy = new ArrayList<>();
        for (List<Write> e : epochs) {
            copy.add(List.copyOf(e));
        }
        return copy;
    }
}
