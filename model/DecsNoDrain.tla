----------------------------- MODULE DecsNoDrain -----------------------------
\* Ablation: drain-evict-copy-swap without inode_dio_wait. Non-DAX with
\* direct writers only (under DAX ext4 has no asynchronous direct I/O, so the
\* drain only matters without DAX). Expected: Quiescence violated.
\* Counterexample (10 states): a direct write is submitted before the defrag
\* takes its locks (capturing orig block 1); the defrag locks, flushes, evicts,
\* copies and swaps while the write is still in flight: when it completes it
\* writes the donor's block, and the orig's new block keeps the old data.
\* Bounds: 2 blocks per file, 2 writes (one suffices for the counterexample).
EXTENDS DefragProperties

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
