----------------------------- MODULE DecsNoCopy ------------------------------
\* Ablation: drain-evict-copy-swap without the copy. Non-DAX with buffered
\* writers (the copy matters in both modes; without DAX the eviction makes the
\* reader go to the blocks). Expected: NoExposure violated.
\* Counterexample (9 states): the defrag locks, drains, flushes, evicts and
\* swaps without copying: the orig now maps the donor's former blocks, which
\* hold Garbage, and reads them.
\* Bounds: 2 blocks per file, 2 writes (the counterexample needs none).
EXTENDS DefragProperties

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
