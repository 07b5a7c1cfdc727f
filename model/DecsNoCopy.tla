-------------------- MODULE DecsNoCopy --------------------
\* Ablation: drain-evict-copy-swap without the copy (cfg:
\* CopyData <- SkipCopyData). Writers: buffered.
\* Expected: NoExposure violated.
\* Counterexample (11 states): the defrag locks, drains, flushes, evicts and
\* swaps without copying: the orig now maps the donor's former blocks, which
\* hold Garbage, and a read after the unlock returns them.
\* Bounds: 2 blocks per file, 2 writes (the counterexample needs none).
EXTENDS Decs

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
SkipCopyData(d) == Skip(d, "CopyData", "SwapExtents")
=============================================================================
