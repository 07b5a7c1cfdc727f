-------------------- MODULE LiveDrain --------------------
\* Liveness of the drain: under weak fairness of DioComplete (a submitted bio
\* completes), Writeback and the defrag's own steps (LiveSpec), a defrag waiting
\* in inode_dio_wait eventually moves on. Direct writers and readers: what the
\* drain waits for. Expected: holds. proofs/ shows it fails without the fairness
\* of DioComplete.
\* Bounds: 2 blocks per file, 2 writes.
EXTENDS Decs

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
