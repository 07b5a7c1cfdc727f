-------------------- MODULE DecsNoLocks --------------------
\* Ablation: drain-evict-copy-swap without i_rwsem (lock_two_nondirectories) (cfg:
\* LockInodes <- SkipLockInodes). Writers: direct.
\* TODO story
EXTENDS Decs

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
SkipLockInodes(d) == Skip(d, "LockInodes", "LockInvalidate")
=============================================================================
