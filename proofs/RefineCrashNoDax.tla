-------------------------- MODULE RefineCrashNoDax ---------------------------
\* Refinement: drain-evict-copy-swap with the journaled swap and one crash,
\* without DAX, implements PlainFileCrash under the mapping of
\* RefinementCrash.tla, with all writer kinds and fsync. Expected: success.
\* Bounds as model/DecsCrashNoDax.
EXTENDS RefinementCrash

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
