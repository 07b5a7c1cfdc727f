-------------------- MODULE RefineCrashNoDax --------------------
\* Refinement: drain-evict-copy-swap with the journaled swap and one crash,
\* without DAX, implements PlainFileCrash (writes with identity) under the
\* mapping of FileViewCrash.tla, all writer kinds and fsync. Expected: success.
\* Bounds as model/DecsCrashNoDax.
EXTENDS FileViewCrash

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
