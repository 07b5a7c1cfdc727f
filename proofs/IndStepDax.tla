-------------------- MODULE IndStepDax --------------------
\* IndInv /\ [Next]_vars => IndInv' with DAX, and IndInv => each safety
\* invariant. The initial states are ALL states of the bounded type domain that
\* satisfy IndInv (TLC enumerates IndInv as the initial predicate); TLC checks
\* IndInv and every safety invariant on them and on all their successors.
\* Expected: success. Bounds: 2 blocks per file, 2 writes, all writer kinds.
EXTENDS IndInv

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
