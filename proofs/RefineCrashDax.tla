-------------------- MODULE RefineCrashDax --------------------
\* The same with DAX. Expected: success. Bounds as model/DecsCrashDax.
EXTENDS FileViewCrash

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
