----------------------------- MODULE IndStepDax ------------------------------
\* IndInv /\ [Next]_vars => IndInv' with DAX, and IndInv => each safety
\* invariant, over the bounded type domain as in IndStepNoDax. Expected: success.
\* Bounds: 2 blocks per file, 2 writes, all writer kinds.
EXTENDS IndInv

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
