------------------------------ MODULE LiveDrain ------------------------------
\* Liveness of the drain: under weak fairness of DioComplete (a submitted
\* bio completes), Writeback and the defrag's own steps, a defrag waiting in
\* inode_dio_wait eventually moves on (DrainTerminates). Non-DAX with direct
\* writers only (the writers that the drain waits for). Expected: holds.
\* proofs/ shows the same property fails without the fairness of DioComplete.
\* Bounds: 2 blocks per file, 2 writes.
EXTENDS DefragProperties

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
