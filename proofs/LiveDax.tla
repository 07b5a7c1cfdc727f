-------------------- MODULE LiveDax --------------------
\* The same liveness with DAX. Expected: success.
EXTENDS DecsLiveness

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
