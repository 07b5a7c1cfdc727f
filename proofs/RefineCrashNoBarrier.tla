------------------------ MODULE RefineCrashNoBarrier -------------------------
\* Refinement fails when the commit has no write barrier (CrashOmit =
\* {"barrier"}): the recovery step sets the orig's second block to Garbage,
\* which is neither its floor nor a write, so no PlainFileCrash step matches.
\* Expected: the action property AbstractSpec violated (TLC exit 13, reported
\* as a temporal property). Bounds as model/DecsCrashNoBarrier.
EXTENDS RefinementCrash

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
