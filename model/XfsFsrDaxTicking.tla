------------------------------ MODULE XfsFsrDaxTicking ------------------------------
\* xfs_fsr + SWAPEXT on DAX files, write(2) and mmap writers, with a clock that
\* ticks at every timestamp change (Touch <- TickTouch, as XfsFsrTicking).
\* Expected: success. Bounds: as XfsFsrDax (2 blocks, 2 writes, MaxTime 2).
\* Why it holds, and why XfsCommitDax does not: xfs_fsr fsyncs the target
\* after the bulkstat (fsrfile_common); on DAX, xfs_file_fsync ->
\* dax_writeback_mapping_range write-protects every dirty DAX PTE, so a store
\* after it faults first and moves ctime. The DAX copy read itself
\* write-protects nothing (xfs_file_dax_read). Ablation: XfsFsrDaxNoFsync.
EXTENDS XfsFsr

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
\* Every timestamp change lands in a new coarse tick (writers at least one
\* jiffy apart): the freshness compare sees every change.
TickTouch(f) ==
    /\ ctime[f] < MaxTime
    /\ ctime' = [ctime EXCEPT ![f] = @ + 1]
    /\ queried' = [queried EXCEPT ![f] = FALSE]
=============================================================================
