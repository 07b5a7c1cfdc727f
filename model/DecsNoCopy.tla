-------------------- MODULE DecsNoCopy --------------------
\* Ablation: drain-evict-copy-swap without the copy (cfg:
\* CopyData <- SkipCopyData). Writers: buffered.
\* TODO story
EXTENDS Decs

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
SkipCopyData(d) == Skip(d, "CopyData", "SwapExtents")
=============================================================================
