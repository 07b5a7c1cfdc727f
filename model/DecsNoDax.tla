-------------------- MODULE DecsNoDax --------------------
\* drain-evict-copy-swap (Decs.tla) without DAX. Users of the orig: buffered,
\* direct and mmap writers, buffered and direct readers; memory-pressure
\* reclaim of clean pages. Expected: success.
\* Bounds: 2 blocks per file, 3 writes.
\* Run once with 4 writes: no violation, 622,386 distinct states (3,466,417
\* total), depth 22, 104 s with 1 worker.
EXTENDS Decs

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
