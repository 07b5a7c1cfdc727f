-------------------- MODULE DecsNoDax --------------------
\* drain-evict-copy-swap (Decs.tla) without DAX. Users of the orig: buffered,
\* direct and mmap writers, buffered and direct readers; memory-pressure
\* reclaim of clean pages. Expected: success.
\* Bounds: 2 blocks per file, 3 writes.
EXTENDS Decs

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
