-------------------- MODULE DecsNoLocks --------------------
\* Ablation: drain-evict-copy-swap without i_rwsem (lock_two_nondirectories) (cfg:
\* LockInodes <- SkipLockInodes). Writers: direct.
\* Expected: Integrity violated (DecsNoLocksCause: Quiescence).
\* Counterexample (12 states): without i_rwsem nothing keeps new direct I/O out.
\* The defrag (Skip) takes the invalidate locks, drains, flushes, evicts and
\* copies; then a direct write of 1 to orig lblock 1 is submitted, capturing
\* block 1, and the swap gives the orig blocks 3 and 4: the bio is in flight to
\* a block that now belongs to the donor (the Quiescence of the Cause model).
\* After the unlock it completes: write 1 is acknowledged, lands in block 1, and
\* the orig reads Zero from block 3.
\* Bounds: 2 blocks per file, 2 writes (one suffices).
EXTENDS Decs

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
SkipLockInodes(d) == Skip(d, "LockInodes", "LockInvalidate")
=============================================================================
