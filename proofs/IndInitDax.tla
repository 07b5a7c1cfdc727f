----------------------------- MODULE IndInitDax ------------------------------
\* Init => IndInv with DAX: IndInv is checked on every reachable state, all
\* writer kinds, 2 blocks per file, 3 writes. Expected: success.
EXTENDS IndInv

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
