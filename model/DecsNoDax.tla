-------------------- MODULE DecsNoDax --------------------
\* drain-evict-copy-swap (Decs.tla) without DAX. Users of the orig: buffered,
\* direct and mmap writers, buffered and direct readers; memory-pressure
\* reclaim of clean pages. Expected: success.
\* Bounds: 2 blocks per file, 3 writes.
\* Run once with 4 writes: no violation, 438,658 distinct states (2,346,973
\* total), depth 23, 42 s with 1 worker.
EXTENDS Decs

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
