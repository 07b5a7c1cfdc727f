-------------------- MODULE DecsCrashDax --------------------
\* drain-evict-copy-swap with DAX, the journaled swap and one crash at any
\* point; all writer kinds, fsync. Expected: success. With DAX the "device
\* cache" is the CPU cache in front of persistent memory; fsync
\* (dax_writeback_mapping_range + flush) and the commit's preflush make it
\* durable, the same rules as a block device's write-back cache.
\* Bounds: 2 blocks per file, 3 writes, 1 crash.
EXTENDS DecsCrash

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
