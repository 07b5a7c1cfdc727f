-------------------- MODULE IndInitDax --------------------
\* Init => IndInv for drain-evict-copy-swap with DAX. Expected: success.
EXTENDS IndInv

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
