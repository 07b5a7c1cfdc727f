-------------------- MODULE DecsNoDrain --------------------
\* Ablation: drain-evict-copy-swap without inode_dio_wait (cfg:
\* DrainDio <- SkipDrainDio). Writers: direct.
\* Expected: Integrity violated (DecsNoDrainCause: Quiescence).
\* Counterexample (13 states): a direct write of 1 to orig lblock 1 is submitted
\* before the defrag locks (capturing block 1); the defrag locks, skips the
\* drain, flushes, evicts, copies (Zero) and swaps while the bio is in flight;
\* after the unlock it completes into block 1, now the donor's: write 1 is
\* acknowledged and the orig reads Zero.
\* Bounds: 2 blocks per file, 2 writes (one suffices).
EXTENDS Decs

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
SkipDrainDio(d) == Skip(d, "DrainDio", "FlushCache")
=============================================================================
