-------------------- MODULE IndInitNoDax --------------------
\* Init => IndInv for drain-evict-copy-swap without DAX: IndInv holds on every
\* reachable state (the initial one included); all writer kinds, 2 blocks per
\* file, 2 writes. Expected: success.
EXTENDS IndInv

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
