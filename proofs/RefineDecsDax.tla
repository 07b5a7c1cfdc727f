---------------------------- MODULE RefineDecsDax ----------------------------
\* Refinement: drain-evict-copy-swap with DAX implements PlainFile.
\* Expected: success. Bounds as model/DecsDax.
EXTENDS Refinement

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
