------------------------------- MODULE LiveDax -------------------------------
\* The same three properties with DAX. Expected: success.
\* Bounds: 2 blocks per file, 3 writes.
EXTENDS Liveness

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
