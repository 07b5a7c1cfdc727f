------------------------ MODULE DecsNoInvalidateLock -------------------------
\* Ablation: drain-evict-copy-swap without filemap_invalidate_lock_two.
\* Non-DAX with mmap writers only: the invalidate lock is what keeps page faults
\* (which take no i_rwsem) out of the flushed and evicted range.
\* Expected: Integrity violated (the shortest hazard is data loss, before any
\* stale mapping can appear after the unlock).
\* Counterexample (8 states): after the flush, a write fault (ext4_page_mkwrite)
\* maps orig page 1 and dirties it, a store writes value 1 into it, and the
\* eviction throws the dirty page away: the orig reads Zero from its block, not
\* the completed store.
\* Bounds: 2 blocks per file, 2 writes (one suffices for the counterexample).
EXTENDS DefragProperties

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
