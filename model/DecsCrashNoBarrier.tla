-------------------- MODULE DecsCrashNoBarrier --------------------
\* Ablation: the swap's commit record is written REQ_FUA but without
\* REQ_PREFLUSH (cfg: CommitSwap <- CommitWithoutFlush). Buffered writers.
\* Expected: NoExposure violated.
\* Counterexample (13 states): the defrag locks, drains, flushes, evicts and
\* copies the orig's blocks (Zero) into the donor's blocks 3 and 4, in the
\* device's write-back cache only; it logs the intent and commits without the
\* preflush: the commit record is durable, the copy is not. Power fails; the
\* device keeps the copy of block 3 but loses that of block 4, which still holds
\* Garbage. Recovery replays the committed swap: the orig maps blocks 3 and 4
\* and its lblock 2 reads the donor's Garbage. (A prefix-only crash replay would
\* keep block 4 whenever it keeps the later commit record and miss this.)
\* Bounds: 2 blocks per file, 1 write (the counterexample needs none), 1 crash.
EXTENDS DecsCrash

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
