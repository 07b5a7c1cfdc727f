package defragcheck.conformance.crash;

import defragcheck.impl.device.IoRecorder;

/**
 * {@link CrashAblation#NO_BARRIER}: a device that acknowledges every flush and does none (a write-back cache that
 * lies about FLUSH). Put between the device and the crash recorder, it passes every write on and no flush, so every
 * write stays volatile, in any order: a commit record may reach the media before its intent and the data copied before
 * it, as if the commit had no barrier (and no fsync were ever durable).
 */
public final class LyingFlushes implements IoRecorder {
    private final IoRecorder media;

    public LyingFlushes(IoRecorder media) {
        this.media = media;
    }

    @Override
    public void written(long block, byte[] data) {
        media.written(block, data);
    }

    @Override
    public void flushed() {}
}
