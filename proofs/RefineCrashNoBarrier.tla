-------------------- MODULE RefineCrashNoBarrier --------------------
\* Refinement fails when the commit has no preflush (model/DecsCrashNoBarrier).
\* Expected: AbstractSpec violated: the recovery shows the donor's Garbage.
EXTENDS FileViewCrash

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
