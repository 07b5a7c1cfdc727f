-------------------- MODULE RefineDecsNoDax --------------------
\* Refinement: drain-evict-copy-swap without DAX implements PlainFile (writes
\* with identity) under the mapping of FileView.tla, for the users of
\* model/DecsNoDax (all writers, buffered and direct readers, reclaim).
\* Expected: success.
EXTENDS Decs, FileView

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
