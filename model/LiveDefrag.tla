----------------------------- MODULE LiveDefrag ------------------------------
\* Liveness of the whole defrag: under the same fairness (WF of
\* DioComplete, Writeback and each defrag step; writers get none), every defrag
\* reaches Done (DefragCompletes). Non-DAX with all writer kinds: writers hold
\* no lock across steps, so once the defrag is enabled it stays enabled.
\* Expected: holds.
\* Bounds: 2 blocks per file, 2 writes.
EXTENDS DefragProperties

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
