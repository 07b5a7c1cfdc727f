-------------------- MODULE DecsNoInvalidateLock --------------------
\* Ablation: drain-evict-copy-swap without the invalidate locks (filemap_invalidate_lock_two) (cfg:
\* LockInvalidate <- SkipLockInvalidate). Writers: mmap.
\* TODO story
EXTENDS Decs

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
SkipLockInvalidate(d) == Skip(d, "LockInvalidate", "DrainDio")
=============================================================================
