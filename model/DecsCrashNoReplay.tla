-------------------- MODULE DecsCrashNoReplay --------------------
\* Ablation: recovery ignores the journal and mounts the home maps as they are
\* (cfg: Applies <- AppliesNone). Buffered writers with fsync.
\* TODO story
EXTENDS DecsCrash

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
