-------------------- MODULE RefineDecsDax --------------------
\* Refinement: drain-evict-copy-swap with DAX implements PlainFile. Bounds as
\* model/DecsDax. Expected: success.
EXTENDS Decs, FileView

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
