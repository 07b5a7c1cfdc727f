package defragcheck.conformance.crash;

import defragcheck.impl.observe.StepHook;

/**
 * {@link CrashAblation#NO_BARRIER}: a device that acknowledges every flush and does none (a write-back cache that
 * lies about FLUSH). Put between the device and the crash recorder, it passes every write on and no flush, so every
 * write stays volatile, in any order: a commit record may reach the media before its intent and the data copied before
 * it, as if the commit had no barrier (and no fsync were ever durable).
 */
public final class LyingFlushes implements StepHook {
    private final StepHook media;

    public LyingFlushes(StepHook media) {
        this.media = media;
    }

    @Override
    public void deviceWritten(long block, byte[] data) {
        media.deviceWritten(block, data);
    }

    @Override
    public void deviceFlushed() {}
}
