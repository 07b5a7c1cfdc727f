------------------------------ MODULE XfsFsrDax ------------------------------
\* xfs_fsr + XFS_IOC_SWAPEXT on DAX files; write(2) (xfs_file_dax_write, both
\* buffered and O_DIRECT take it) and mmap writers (DAX faults and stores).
\* Expected: Integrity violated.
\* Bounds: as XfsFsrNoDax (2 blocks, 2 writes, MaxTime 2); no readers: DAX
\* reads are judged by Readable directly.
\* Counterexample (16 states): the story of XfsFsrNoDax with a DaxWrite: after
\* the copy, DaxWrite writes 1 into orig's block 1 under IOLOCK, its
\* timestamp update leaves ctime 0 = the bulkstat sample (coarse tick, not
\* queried); SWAPEXT's compare passes and SwapForks gives orig the temp's
\* blocks (Zero): write 1 is lost. Checked against xfs_file.c
\* xfs_file_dax_write (xfs_file_write_checks -> kiocb_modified) and the
\* sources of XfsFsrNoDax. Real (coarse-clock window).
\* XfsFsrDaxCause.cfg: no structural diagnostic fails first; Integrity again.
EXTENDS XfsFsr

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
