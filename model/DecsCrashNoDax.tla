-------------------- MODULE DecsCrashNoDax --------------------
\* drain-evict-copy-swap without DAX, with the journaled swap of DecsCrash.tla
\* and one crash at any point: buffered, direct and mmap writers on the orig,
\* buffered readers, fsync. Expected: success. Wherever the power fails (before,
\* during or after the defrag, with direct writes in flight, dirty pages,
\* unflushed blocks, an intent logged but not committed, a commit not yet
\* checkpointed, one inode's map home and the other's not) and whichever
\* unflushed writes the device keeps, recovery leaves every block of the orig at
\* its last fsynced write or a later one, never Garbage, and the range maps all
\* old or all new blocks.
\* Bounds: 2 blocks per file (the least where a swap can be half done), 2
\* writes, 1 crash.
\* Run once with 3 writes: no violation, 165,771 distinct states (958,032
\* total), depth 25, 62 s with 1 worker.
EXTENDS DecsCrash

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
