-------------------- MODULE DecsCrashNoBarrier --------------------
\* Ablation: the swap's commit record is written REQ_FUA but without
\* REQ_PREFLUSH (cfg: CommitSwap <- CommitWithoutFlush). Buffered writers.
\* TODO story
EXTENDS DecsCrash

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
