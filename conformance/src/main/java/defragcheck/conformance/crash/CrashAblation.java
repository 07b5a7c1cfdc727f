package defragcheck.conformance.crash;

import java.io.IOException;

import defragcheck.impl.defrag.DefragOptions;
import defragcheck.impl.defrag.MoveExtentRequest;
import defragcheck.impl.defrag.MoveExtents;
import defragcheck.impl.defrag.Protocol;
import defragcheck.impl.observe.StepHook;

/**
 * One part of the crash-safety protocol taken away, so the crash exploration can show that it finds the resulting
 * bugs (that it has teeth). Each is made on the verification side, around an unchanged implementation: a device, a
 * crash image or a mover variant. The crash ablation models of spec/DecsCrash.tla, in the same order:
 * DecsCrashNoBarrier, DecsCrashNoIntent, DecsCrashNoReplay.
 */
public enum CrashAblation {
    /**
     * A device that acknowledges flushes it never does (the crash recorder never sees them): a commit record may
     * reach the media before the intent and the copied data, as without the barrier.
     */
    NO_BARRIER,
    /** A defrag's swap committed one logical block per transaction ({@link PerBlockSwap}), without one intent for the request. */
    NO_INTENT,
    /** Recovery never sees the journal: its records are cleared in the crash image before mounting ({@link JournalHidden}). */
    NO_REPLAY;

    /** What the crash recorder {@code media} is told of the device's I/O: all of it, but no flush without the barrier. */
    public StepHook media(StepHook media) {
        return this == NO_BARRIER ? new LyingFlushes(media) : media;
    }

    /** The defrag's mover ({@link MoveExtents#create}; without the intent, {@link PerBlockSwap}). */
    public MoveExtents mover(Protocol protocol, MoveExtentRequest req, DefragOptions opts) throws IOException {
        return this == NO_INTENT && protocol == Protocol.DECS ? new PerBlockSwap(req, opts) : MoveExtents.create(protocol, req, opts);
    }

    /** Whether recovery sees the journal (else the explorer clears its records first, {@link JournalHidden}). */
    public boolean replays() {
        return this != NO_REPLAY;
    }
}
