------------------------------ MODULE XfsFsrDirectTicking ------------------------------
\* xfs_fsr + SWAPEXT, no DAX, O_DIRECT writers only, ticking clock (Touch <-
\* TickTouch, as XfsFsrTicking), buffered readers. Expected: Integrity violated.
\* Bounds: as XfsFsrNoDax (2 blocks, 2 writes, MaxTime 2).
\* Counterexample (17 states): an async aligned O_DIRECT write of 1 to orig
\* block 1 is submitted (ctime 0 -> 1, bio in flight, IOLOCK dropped);
\* Bulkstat samples 1; FsyncOrig (fsync does not wait for AIO); the copy's
\* O_DIRECT read of block 1 reads Zero; SWAPEXT locks, flushes, compares 1 =
\* 1, swaps (orig -> blocks 3,4) with the bio still in flight (no
\* inode_dio_wait in xfs_swap_extents), unlocks; the bio completes into
\* block 1, now the temp's (freed when fsr closes it), and is acknowledged:
\* orig block 1 reads Zero. Two kernel facts meet: the sample cannot see a
\* write whose timestamp moved before it (as XfsCommitNoDax), and SWAPEXT
\* does not drain DIO, so the write even lands in a block the target no
\* longer owns. Checked against xfs_bmap_util.c xfs_swap_extents (every
\* version read: no inode_dio_wait), xfs_file.c xfs_file_dio_write_aligned,
\* xfs_file_fsync. Real (async DIO writer).
\* XfsFsrDirectTickingCause.cfg: Quiescence fails first (15 states, at
\* SwapForks: the in-flight bio targets block 1, which orig no longer maps).
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
