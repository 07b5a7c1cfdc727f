----------------------------- MODULE DecsNoEvict -----------------------------
\* Ablation: drain-evict-copy-swap without truncate_pagecache_range.
\* Non-DAX with buffered writers only: a cached page's buffer mapping names the
\* old block. Expected: NoStaleMapping violated.
\* Counterexample (11 states): a buffered write caches value 1 in orig page 1;
\* the defrag flushes it (clean, still cached, buffer mapped to block 1), copies
\* and swaps; after the unlock the orig maps block 3 but its page still points at
\* block 1, now the donor's: the next write to the page would be written back
\* into the donor, and the orig's block would keep stale data.
EXTENDS DefragProperties

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
