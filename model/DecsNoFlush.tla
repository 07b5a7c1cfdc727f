-------------------- MODULE DecsNoFlush --------------------
\* Ablation: drain-evict-copy-swap without filemap_write_and_wait_range (cfg:
\* FlushCache <- SkipFlushCache). Writers: buffered.
\* TODO story
EXTENDS Decs

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
SkipFlushCache(d) == Skip(d, "FlushCache", "EvictCache")
=============================================================================
