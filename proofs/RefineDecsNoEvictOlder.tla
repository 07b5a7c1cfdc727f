-------------------- MODULE RefineDecsNoEvictOlder --------------------
\* Teeth for write identity: drain-evict-copy-swap without the eviction, with
\* reclaim, where the defrag starts only once both orig blocks were written
\* (CONSTRAINT AllWrittenFirst), so that a lost write can only show as an
\* OLDER write, never as Zero. Expected: AbstractSpec violated. A refinement
\* to a file that may take any write number at any step (the abstract spec
\* before writes had identities) accepts this behaviour.
\* Counterexample (16 states): buffered writes 1 and 2 fill both orig pages;
\* the defrag flushes them (blocks 1 and 2), skips the eviction, copies and
\* swaps: page 1 still has its buffer mapped to block 1, now the donor's.
\* After the unlock write 3 goes into that page, writeback writes it to block
\* 1, and reclaim drops the clean page: orig lblock 1 reads write 1 again
\* from block 3, an older write, after write 3 was acknowledged.
EXTENDS Decs, FileView

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
AllWrittenFirst == step[1] = "LockInodes" \/ \A lb \in LBs : lastWrite[<<"orig", lb>>] \in WriteNums
SkipEvictCache(d) == Skip(d, "EvictCache", "CopyData")
=============================================================================
