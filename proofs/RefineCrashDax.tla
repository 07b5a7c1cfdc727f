--------------------------- MODULE RefineCrashDax ----------------------------
\* Refinement: the same with DAX. Expected: success. Bounds as
\* model/DecsCrashDax.
EXTENDS RefinementCrash

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
