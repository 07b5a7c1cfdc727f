-------------------- MODULE DecsCrashNoIntent --------------------
\* Ablation: no intent record; the swap is applied in place one block per step,
\* each durable with its own flush (ext4's per-page transactions of
\* move_extent_per_page; the old xfs_swap_extents loop with rmap). Cfg:
\* LogIntent <- SwapInPlace. Buffered writers.
\* Expected: SwapAtomic violated.
\* Counterexample (12 states): the defrag locks, drains, flushes, evicts,
\* copies, and swaps lblock 1 in place (SwapInPlace: orig lblock 1 -> block 3,
\* durable). Power fails before the second piece. Recovery finds no journal
\* record and keeps the home maps: the orig maps <<3, 2>>, a mix of the new and
\* the old mapping within one request. Each block still reads the right data
\* (the copy was flushed): what breaks is the all-or-nothing promise
\* (exchange-range's documented contract, visible through FIEMAP).
\* Bounds: 2 blocks per file (the least that can be half swapped), 1 write, 1
\* crash.
EXTENDS DecsCrash

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
