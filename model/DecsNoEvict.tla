-------------------- MODULE DecsNoEvict --------------------
\* Ablation: drain-evict-copy-swap without truncate_pagecache_range (cfg:
\* EvictCache <- SkipEvictCache). Writers: buffered.
\* Expected: Integrity violated (DecsNoEvictCause: NoStaleMapping).
\* Counterexample (15 states): a reader caches orig page 1 (clean, buffer mapped
\* to block 1) between the inode locks and the invalidate locks; the defrag
\* flushes, skips the eviction, copies and swaps: the page still points at
\* block 1, now the donor's (the NoStaleMapping of the Cause model). After the
\* unlock a buffered write of 1 goes into that page, writeback writes it to
\* block 1 (the donor's), and reclaim drops the clean page: the orig reads Zero
\* from its block 3 again, an acknowledged write lost.
\* Bounds: 2 blocks per file, 2 writes, reclaim.
EXTENDS Decs

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
SkipEvictCache(d) == Skip(d, "EvictCache", "CopyData")
=============================================================================
