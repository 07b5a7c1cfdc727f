--------------------------- MODULE RefineDecsNoDax ---------------------------
\* Refinement: drain-evict-copy-swap without DAX implements PlainFile
\* under the reader-view mapping (Refinement.tla), with all writer kinds.
\* Expected: success. Bounds as model/DecsNoDax.
EXTENDS Refinement

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
