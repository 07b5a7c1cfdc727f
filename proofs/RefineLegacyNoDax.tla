-------------------------- MODULE RefineLegacyNoDax --------------------------
\* Refinement: the legacy protocol without DAX implements PlainFile too
\* (reads go through the dirty page until writeback). Expected: success.
EXTENDS Refinement

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
