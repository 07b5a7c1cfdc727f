------------------------------ MODULE XfsCommitNoDax ------------------------------
\* XFS_IOC_START_COMMIT + XFS_IOC_COMMIT_RANGE used as a defrag (O_DIRECT
\* copy between them), no DAX; buffered, O_DIRECT and mmap writers, buffered
\* readers. Expected: Integrity violated.
\* Bounds: orig and donor (the temp), 2 blocks each (a per-block copy loop
\* with a block before and after the race), 2 writes, multigrain clock with
\* MaxTime = 2 (each write or write fault may tick once); buffered readers.
\* Larger bounds only lengthen the same counterexample.
\* Counterexample (17 states), an async O_DIRECT write straddling START_COMMIT:
\*  2 DioSubmit: an aligned AIO O_DIRECT write of 1 to orig block 1 takes
\*    IOLOCK shared, xfs_file_write_checks -> kiocb_modified sets ctime 1,
\*    the bio to block 1 is submitted, -EIOCBQUEUED, IOLOCK dropped;
\*  3 StartCommit: IOLOCK/MMAPLOCK/ILOCK shared (a shared IOLOCK does not
\*    wait for the bio), samples ctime 1, marks it queried;
\*  4-5 CopyBlock: the O_DIRECT read of block 1 reads Zero (the write has not
\*    landed; nothing orders two bios), staging block 3 := Zero; block 2 too;
\*  6-9 COMMIT_RANGE takes both IOLOCKs and MMAPLOCKs;
\*  10 DioComplete: block 1 := 1, the write is acknowledged (it could as well
\*    complete before COMMIT_RANGE is called);
\*  11-13 inode_dio_wait (nothing left), write back, freshness: ctime 1 =
\*    sample 1 (the write's timestamp update came before the sample);
\*  14-17 flush+unmap, Exchange: orig maps blocks 3,4 (Zero); Unlock: a read
\*    of orig block 1 returns Zero, the acknowledged write 1 is lost.
\* Checked against: xfs_file.c xfs_file_dio_write_aligned (IOLOCK shared,
\* iomap_dio_rw, unlock; AIO returns before completion) and
\* xfs_file_write_checks (kiocb_modified before submission);
\* xfs_exchrange.c xfs_ioc_start_commit (shared locks, fill_mg_cmtime, no
\* inode_dio_wait), xfs_exchange_range_prep (inode_dio_wait only in the
\* commit), xfs_exchrange_check_freshness. Real kernel behaviour: the
\* freshness sample cannot tell a write whose timestamp moved before the
\* sample but whose data lands after the copy read it. It needs an aligned
\* O_DIRECT write in flight at START_COMMIT: an async one (io_submit,
\* io_uring) has dropped IOLOCK; a synchronous one from another thread holds
\* IOLOCK shared until it completes, which START_COMMIT's and the copy's
\* shared IOLOCK do not wait for either.
\* XfsCommitNoDaxCause.cfg: no structural diagnostic fails (the commit drains
\* DIO before it swaps); Integrity. Without O_DIRECT writers the protocol
\* holds: XfsCommitNoDaxNoDio.
EXTENDS XfsExchange

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
