-------------------- MODULE DecsNoInvalidateLock --------------------
\* Ablation: drain-evict-copy-swap without the invalidate locks (filemap_invalidate_lock_two) (cfg:
\* LockInvalidate <- SkipLockInvalidate). Writers: mmap.
\* Expected: Integrity violated (no structural invariant names the cause).
\* Counterexample (9 states): after the flush, a write fault (MmapFault, which
\* takes no i_rwsem) maps orig page 1 and dirties it, a store writes 1 into it,
\* and the eviction throws the dirty page away: the acknowledged store is lost
\* and the orig reads Zero from its block.
\* Bounds: 2 blocks per file, 2 writes (one suffices).
EXTENDS Decs

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
SkipLockInvalidate(d) == Skip(d, "LockInvalidate", "DrainDio")
=============================================================================
