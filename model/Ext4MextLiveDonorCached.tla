----------------------- MODULE Ext4MextLiveDonorCached -----------------------
\* xfstests ext4/302 with the donor read through the page cache: the donor is
\* a live file, written with O_DIRECT and read (buffered and direct) by
\* users; the orig too (Writers is one set for all user files). One defrag.
\* Direct writes cannot run during the move (i_rwsem of both, then
\* inode_dio_wait): they run before and after it, or are in flight when it
\* starts and are drained.
\* Expected: Integrity fails on the DONOR (safety failure); the orig is never
\* wrong (Ext4MextLiveDonor, without buffered readers, passes).
\* Ext4MextLiveDonorCachedCause.cfg runs the diagnostics first; none fails
\* (the donor's page re-points with its released buffers), so it reports
\* Integrity too.
\* Bounds: 2 blocks, 2 writes (one direct write of the donor is enough),
\* reclaim on.
\* Shortest counterexample (15 states):
\*   LockInodes(orig);
\*   DioSubmit(donor, 1)   write 1 to block 3 (the donor's i_rwsem is free);
\*   LockInodes(donor); CheckValidity;
\*   DioComplete           block 3 <- 1, donor lblock 1 written, last write 1;
\*   DioWait; MapBlocks (orig 1 -> block 1); JournalStart;
\*   ReadFill(donor, 1)    a buffered read of the donor (no i_rwsem on ext4)
\*                         caches 1;
\*   LockFolios; CheckSeq (donor written: MEXT_COPY_DATA);
\*   MkUptodate            the orig page <- Zero from block 1;
\*   ReleaseFolios         both folios clean: buffers released, data kept;
\*   SwapExtents           donor lblock 1 -> block 1, UNWRITTEN: the donor's
\*                         content is now zeros (ext4_swap_extents,
\*                         unwritten = 1), but its uptodate page still holds 1;
\* a buffered read of the donor returns 1, and Zero once the page is
\* reclaimed: the donor's content changes without a write. Real kernel
\* behaviour (mext_move_extent only releases the donor folio's buffers;
\* ext4_swap_extents drops only the extent-status cache), the same in the
\* legacy move_extent_per_page; it exposes nothing (NoExposure holds) and no
\* user of MOVE_EXT reads the donor (e4defrag's donor is private; ext4/302
\* does not verify it).
EXTENDS Ext4Mext

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
