-------------------- MODULE RefineDecsNoEvictOlder --------------------
\* Teeth for write identity: drain-evict-copy-swap without the eviction, with
\* reclaim. Expected: AbstractSpec violated. A block goes back to an OLDER
\* write, not to Zero: a refinement to a file that may take any write number
\* (the abstract spec before writes had identities) would accept this run.
EXTENDS Decs, FileView

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
SkipEvictCache(d) == Skip(d, "EvictCache", "CopyData")
=============================================================================
