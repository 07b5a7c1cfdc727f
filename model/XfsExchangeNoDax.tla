------------------------------ MODULE XfsExchangeNoDax ------------------------------
\* XFS_IOC_EXCHANGE_RANGE alone used as a defrag (O_DIRECT copy of the target
\* into the staging file, then the exchange), no DAX; buffered, O_DIRECT and
\* mmap writers. Expected: Integrity violated: EXCHANGE_RANGE has no
\* freshness check at all (by design: that is what COMMIT_RANGE is for).
\* Bounds: orig and donor (the temp), 2 blocks each (a per-block copy loop
\* with a block before and after the race), 2 writes, multigrain clock with
\* MaxTime = 2 (each write or write fault may tick once); buffered readers.
\* Larger bounds only lengthen the same counterexample.
\* Counterexample (15 states): CopyBlock 1 and 2 copy Zero into the staging
\* blocks 3,4; BufferedWrite 1 to orig block 1; the ioctl locks, drains,
\* writes back (1 reaches block 1), CheckFresh has no flag to check, flushes
\* and unmaps, Exchange gives orig blocks 3,4: write 1 is lost.
\* Checked against xfs_exchrange.c xfs_exchrange_prep (the compare only with
\* __XFS_EXCHANGE_RANGE_CHECK_FRESH2, set only by xfs_ioc_commit_range).
\* Real, and documented: the caller must exclude writers itself.
\* XfsExchangeNoDaxCause.cfg: no structural diagnostic fails; Integrity.
EXTENDS XfsExchange

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
