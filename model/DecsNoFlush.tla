-------------------- MODULE DecsNoFlush --------------------
\* Ablation: drain-evict-copy-swap without filemap_write_and_wait_range (cfg:
\* FlushCache <- SkipFlushCache). Writers: buffered.
\* Expected: Integrity violated (no structural invariant names the cause).
\* Counterexample (12 states): a buffered write leaves 1 in a dirty orig page;
\* the defrag locks, drains, skips the flush, and truncate_pagecache_range drops
\* the dirty page: the acknowledged write is lost, the copy and the swap carry
\* Zero, and the orig reads Zero after the unlock.
\* Bounds: 2 blocks per file, 2 writes (one suffices).
EXTENDS Decs

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
SkipFlushCache(d) == Skip(d, "FlushCache", "EvictCache")
=============================================================================
