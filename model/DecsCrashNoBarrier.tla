------------------------- MODULE DecsCrashNoBarrier --------------------------
\* Ablation: the swap's commit record is written REQ_FUA but without
\* REQ_PREFLUSH (no blkdev_issue_flush between the copy and the commit).
\* Non-DAX, buffered writers. Expected: CNoExposure (NoExposure
\* while up) violated.
\* Counterexample (13 states): the defrag locks, drains, flushes, evicts, copies
\* the orig's blocks (Zero) into the donor's blocks 3 and 4 - in the device's
\* write-back cache only - logs the intent and commits: the commit record is
\* durable, the copy is not. Power fails; the device keeps the copy of block 3
\* but loses that of block 4, which still holds Garbage. Recovery replays the
\* committed swap: the orig now maps blocks 3 and 4 and its second block reads
\* the donor's Garbage. (A prefix-only crash replay would keep block 4 whenever
\* it keeps the later commit record and miss this.)
\* Bounds: 2 blocks per file, 1 write (the counterexample needs none), 1 crash.
EXTENDS DefragCrash

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
