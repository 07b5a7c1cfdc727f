------------------------------ MODULE XfsFsrNoDax ------------------------------
\* xfs_fsr + XFS_IOC_SWAPEXT, no DAX; buffered, O_DIRECT and mmap writers on
\* the target, buffered readers. Expected: Integrity violated (a lost write).
\* Bounds: orig and donor (the temp), 2 blocks each (a per-block copy loop
\* with a block before and after the race), 2 writes, multigrain clock with
\* MaxTime = 2 (each write or write fault may tick once); buffered readers.
\* Larger bounds only lengthen the same counterexample.
\* Counterexample (16 states): Bulkstat samples ctime 0 (bulkstat does not mark
\* it queried); FsyncOrig; CopyBlock 1 and 2 copy Zero into the temp's blocks
\* 3 and 4; FsyncTemp; a BufferedWrite of value 1 to orig block 1 lands in a
\* dirty page, its timestamp update leaves ctime at 0 (coarse clock, no tick
\* since the last change, ctime not queried); SWAPEXT locks both files,
\* FlushOrig writes 1 to block 1 and drops the page, CheckFresh finds ctime 0
\* = sample 0, SwapForks gives orig blocks 3,4 (Zero); after Unlock a read of
\* orig block 1 returns Zero, the acknowledged write 1 is lost (it went with
\* block 1 to the temp, which fsr closes and frees).
\* Checked against: xfs_itable.c xfs_bulkstat_one_int (inode_get_ctime_sec/
\* _nsec, no fill_mg_cmtime); fs/inode.c inode_set_ctime_current (coarse time
\* unless queried); xfs_file.c xfs_file_buffered_write -> xfs_file_write_checks
\* -> kiocb_modified before the copy; xfs_bmap_util.c xfs_swap_extents (flush,
\* then the ctime/mtime compare, then the fork swap). Real: the freshness check
\* is a timestamp compare at the coarse clock's granularity (one jiffy); the
\* write must come within the tick of the target's previous change.
\* XfsFsrNoDaxCause.cfg: Quiescence fails first (15 states): the racing write
\* is an O_DIRECT one submitted after the copy with ctime unchanged, still in
\* flight at SwapForks: xfs_swap_extents has no inode_dio_wait, the bio lands
\* in block 1, now the temp's. See XfsFsrDirectTicking for that gap alone.
EXTENDS XfsFsr

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
