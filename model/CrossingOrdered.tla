-------------------- MODULE CrossingOrdered --------------------
\* Two DECS defrags on crossing inode pairs, both taking the inode locks and the
\* invalidate locks in inode-address order (lock_two_nondirectories,
\* filemap_invalidate_lock_two). Expected: no deadlock. No users: the model is
\* about lock order (CrossingWriters adds them).
\* Bounds: 1 block per file.
EXTENDS Decs

TwoFiles      == <<"f1", "f2">>                    \* inode-address order
CrossingPairs == << [orig |-> "f1", donor |-> "f2"],
                   [orig |-> "f2", donor |-> "f1"] >>
=============================================================================
