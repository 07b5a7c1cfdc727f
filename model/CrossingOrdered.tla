--------------------------- MODULE CrossingOrdered ---------------------------
\* Two defrags on crossing inode pairs (f1 -> f2 and f2 -> f1), both
\* taking the inode locks and the invalidate locks in inode-address order
\* (lock_two_nondirectories, filemap_invalidate_lock_two). Expected: no deadlock
\* and no violation.
\* No writers or readers: the model is about lock order. (A file used as
\* another defrag's donor loses its content by design: the donor's range
\* becomes unwritten.)
\* Bounds: 1 block per file.
EXTENDS DefragProperties

TwoFiles      == <<"f1", "f2">>                    \* inode-address order
CrossingPairs == << [orig |-> "f1", donor |-> "f2"],
                   [orig |-> "f2", donor |-> "f1"] >>
=============================================================================
