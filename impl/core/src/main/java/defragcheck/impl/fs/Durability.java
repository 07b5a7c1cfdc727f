package defragcheck.impl.fs;

/** When the metadata a {@link Transactions#commit} applies reaches the device. */
public enum Durability {
    /**
     * Closed with the commit and durable when the commit returns (intent, barrier, commit record, flush), with every
     * transaction closed before it: ext4's synchronous handle. A defrag's swap must be durable before it unlocks.
     */
    NOW,
    /**
     * Applied in memory and left in the running transaction, which the next {@link #NOW} commit, fsync or sync closes
     * (jbd2 batching): the legacy protocol's per-page swaps.
     */
    WITH_NEXT_COMMIT
}
