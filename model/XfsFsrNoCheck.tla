------------------------------ MODULE XfsFsrNoCheck ------------------------------
\* Ablation of XfsFsrTicking: xfs_swap_extents without the ctime/mtime compare
\* (CheckFresh <- NoCheckFresh). Expected: Integrity violated.
\* Counterexample (16 states): Bulkstat, FsyncOrig, CopyBlock 1 and 2 (Zero),
\* FsyncTemp, a BufferedWrite of 1 to orig block 1 (ctime ticks), SWAPEXT
\* flushes it to block 1, compares nothing, swaps: orig block 1 reads Zero.
EXTENDS XfsFsr

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
\* Every timestamp change lands in a new coarse tick (writers at least one
\* jiffy apart): the freshness compare sees every change.
TickTouch(f) ==
    /\ ctime[f] < MaxTime
    /\ ctime' = [ctime EXCEPT ![f] = @ + 1]
    /\ queried' = [queried EXCEPT ![f] = FALSE]
\* xfs_swap_extents without the ctime/mtime compare.
NoCheckFresh(d) == Skip(d, "CheckFresh", "SwapForks")
=============================================================================
