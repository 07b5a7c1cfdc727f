--------------------------- MODULE DecsCrashNoDax ----------------------------
\* drain-evict-copy-swap without DAX, with the journaled swap of
\* DefragCrash.tla and one crash at any point: buffered, direct and mmap writers
\* on the orig, readers, fsync. Expected: no violation, no deadlock.
\* Sufficiency of the journaled swap: wherever the power fails (before, during
\* or after the defrag, with direct writes in flight, dirty pages, unflushed
\* blocks, an intent logged but not committed, a commit not yet checkpointed),
\* and whichever unflushed writes the device keeps, recovery leaves every block
\* of the orig at its last fsynced write or a later write, never Garbage, and
\* the range maps all old or all new blocks.
\* Bounds: 2 blocks per file (the least where a swap can be half done), 2
\* writes (one before the defrag and one across or after it), 1 crash. Also
\* run once with 3 writes: 140893 distinct states, 49 s, no violation.
EXTENDS DefragCrash

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
