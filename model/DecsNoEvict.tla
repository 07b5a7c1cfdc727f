-------------------- MODULE DecsNoEvict --------------------
\* Ablation: drain-evict-copy-swap without truncate_pagecache_range (cfg:
\* EvictCache <- SkipEvictCache). Writers: buffered.
\* TODO story
EXTENDS Decs

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
SkipEvictCache(d) == Skip(d, "EvictCache", "CopyData")
=============================================================================
