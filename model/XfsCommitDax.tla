------------------------------ MODULE XfsCommitDax ------------------------------
\* HEADER FILLED IN AFTER THE RUN.
EXTENDS XfsExchange

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
