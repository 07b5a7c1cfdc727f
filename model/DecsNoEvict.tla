----------------------------- MODULE DecsNoEvict -----------------------------
\* Ablation: drain-evict-copy-swap without truncate_pagecache_range.
\* Non-DAX with buffered writers (and the ever-present readers): a cached
\* page's buffer mapping names the old block. Expected: NoStaleMapping violated.
\* Counterexample (11 states): a reader caches orig page 1 (clean, its buffer
\* mapped to block 1) before the invalidate locks are taken; the defrag
\* flushes, copies and swaps without evicting it; after the unlock the orig
\* maps block 3 but its page still points at block 1, now the donor's: the
\* next write to that page would be written back into the donor, and the
\* orig's block would keep stale data.
\* Bounds: 2 blocks per file, 2 writes (the counterexample needs none).
EXTENDS DefragProperties

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
