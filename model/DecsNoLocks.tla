----------------------------- MODULE DecsNoLocks -----------------------------
\* Ablation: drain-evict-copy-swap without lock_two_nondirectories (no
\* i_rwsem). Non-DAX with direct writers only: i_rwsem is what keeps new direct
\* I/O out after the drain (and new buffered writes out of the evicted range).
\* Expected: Quiescence violated.
\* Counterexample (9 states): the defrag takes the invalidate locks, drains,
\* flushes, evicts and copies; then a direct write is submitted, capturing the
\* orig's block 1, and the swap happens while it is in flight: its bio will land
\* in a block that now belongs to the donor.
\* Bounds: 2 blocks per file, 2 writes; the counterexample needs one write, the
\* rest of the bound only limits what else TLC explores before finding it.
EXTENDS DefragProperties

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
