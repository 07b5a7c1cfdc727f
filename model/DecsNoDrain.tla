-------------------- MODULE DecsNoDrain --------------------
\* Ablation: drain-evict-copy-swap without inode_dio_wait (cfg:
\* DrainDio <- SkipDrainDio). Writers: direct.
\* TODO story
EXTENDS Decs

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
SkipDrainDio(d) == Skip(d, "DrainDio", "FlushCache")
=============================================================================
