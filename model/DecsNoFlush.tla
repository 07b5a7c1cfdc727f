----------------------------- MODULE DecsNoFlush -----------------------------
\* Ablation: drain-evict-copy-swap without filemap_write_and_wait_range.
\* Non-DAX with buffered writers only (under DAX there are no dirty pages to
\* flush). Expected: Integrity violated.
\* Counterexample (8 states): a buffered write leaves value 1 in a dirty orig
\* page; the defrag locks, drains and evicts: truncate_pagecache_range drops the
\* dirty page, and the orig reads Zero from its block: the write is lost.
\* Bounds: 2 blocks per file, 2 writes (one suffices for the counterexample).
EXTENDS DefragProperties

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
