------------------------------ MODULE LiveNoDax ------------------------------
\* Liveness of drain-evict-copy-swap without DAX, all writer kinds, under the
\* fairness of DefragProperties (WF of DioComplete, Writeback and each defrag
\* step; none for writers): the drain terminates, the defrag completes, and
\* the writers' locks are eventually free for good. Expected: success.
\* Bounds: 2 blocks per file, 2 writes.
EXTENDS Liveness

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
