------------------------------ MODULE XfsCommitDax ------------------------------
\* XFS_IOC_START_COMMIT + XFS_IOC_COMMIT_RANGE on DAX files; write(2) and mmap
\* writers. Expected: Integrity violated.
\* Bounds: as XfsCommitNoDax (2 blocks, 2 writes, MaxTime 2), no readers.
\* Counterexample (17 states), a DAX store without a fault:
\*  2 DaxFault: a write fault on orig block 1 (xfs_write_fault ->
\*    file_update_time: ctime 1) maps block 1 writable;
\*  3 StartCommit samples ctime 1, marks it queried;
\*  4-5 CopyBlock: the O_DIRECT read of a DAX file is xfs_file_dax_read
\*    (IOLOCK shared, dax_iomap_rw): it reads block 1 (Zero) and, unlike the
\*    page-cache path (kiocb_write_and_wait -> page_mkclean), write-protects
\*    nothing; staging block 3 := Zero;
\*  6-10 COMMIT_RANGE takes the locks and drains DIO;
\*  11 DaxStore: a CPU store of 1 through the still-writable PTE into block 1:
\*    no fault, no timestamp update (MMAPLOCK only blocks faults);
\*  12 WriteWait (dax_writeback_mapping_range write-protects, too late);
\*  13 CheckFresh: ctime 1 = sample 1; 14-17 unmap, Exchange, Unlock: orig
\*    block 1 reads Zero, the store is lost.
\* Checked against xfs_file.c xfs_file_read_iter/xfs_file_dax_read,
\* xfs_write_fault (timestamp only at the fault), fs/dax.c
\* dax_writeback_one (write-protects at writeback only), xfs_exchrange.c.
\* Real for DAX with an mmap writer that faulted before START_COMMIT; the
\* page-cache case is safe because the O_DIRECT copy write-protects.
\* XfsCommitDaxCause.cfg: no structural diagnostic fails; Integrity.
EXTENDS XfsExchange

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
