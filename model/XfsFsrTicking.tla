------------------------------ MODULE XfsFsrTicking ------------------------------
\* xfs_fsr + SWAPEXT, no DAX, buffered and mmap writers, with a clock that
\* ticks at every timestamp change (Touch <- TickTouch: writers at least one
\* jiffy apart), buffered readers. Expected: success.
\* Bounds: as XfsFsrNoDax (2 blocks, 2 writes, MaxTime 2).
\* Why it holds: every change after the bulkstat moves ctime, and the fsync
\* and the O_DIRECT copy write back and write-protect mapped pages, so a
\* store after the copy faults (and changes ctime) first. The ablation
\* XfsFsrNoCheck shows the compare is needed; XfsFsrNoDax shows the coarse
\* clock defeats it; XfsFsrDirectTicking shows O_DIRECT writers defeat it
\* even with this clock.
EXTENDS XfsFsr

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
\* Every timestamp change lands in a new coarse tick (writers at least one
\* jiffy apart): the freshness compare sees every change.
TickTouch(f) ==
    /\ ctime[f] < MaxTime
    /\ ctime' = [ctime EXCEPT ![f] = @ + 1]
    /\ queried' = [queried EXCEPT ![f] = FALSE]
=============================================================================
