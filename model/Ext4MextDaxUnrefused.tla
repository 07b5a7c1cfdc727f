------------------------- MODULE Ext4MextDaxUnrefused -------------------------
\* Hypothetical: ext4's 2025 MOVE_EXT on DAX files with the DAX refusal of
\* mext_check_validity removed (CheckValidity <- AcceptDax), everything else
\* as the 6.19 code does it: the orig's folio is still created by
\* __filemap_get_folio(FGP_WRITEBEGIN) in the DAX mapping, filled from the
\* OLD block, re-pointed at the NEW block and dirtied; but DAX reads, faults
\* and stores go to the blocks, and DAX writeback (dax_writeback_mapping_range)
\* never writes ordinary pages, so the data never reaches the new block.
\* Answers "does the refusal still need to be?": yes.
\* Expected: NoExposure fails (safety failure). Ext4MextDaxUnrefusedCause.cfg
\* runs the diagnostics first; none fails first (the map and the DAX mapping
\* agree: the new block simply never receives the data), so it reports
\* NoExposure too.
\* Bounds: those of Ext4MextDax (2 blocks, 2 writes, all DAX writers).
\* Shortest counterexample (13 states):
\*   LockInodes x2         both i_rwsem;
\*   AcceptDax             no refusal;  DioWait;
\*   MapBlocks             orig lblock 1 -> block 1 (written zeros);
\*   JournalStart; LockFolios (a page-cache folio in the DAX mapping);
\*   CheckSeq              unchanged; the orig is written: MEXT_COPY_DATA;
\*   MkUptodate            the page <- Zero, read from the OLD block 1;
\*   ReleaseFolios         clean: released;
\*   SwapExtents           orig lblock 1 -> block 3 (the donor's fallocated
\*                         block, Garbage), written (the orig's own state);
\*   DaxFault(orig, 1)     dax_iomap_fault takes only the shared
\*                         invalidate_lock, which MOVE_EXT never takes, and
\*                         maps block 3 into the user's page table;
\* a load through that mapping reads Garbage. Without any fault the same
\* happens to every DAX read once Unlock drops i_rwsem: the only good copy is
\* the dirty page, which nothing under DAX reads or writes back.
EXTENDS Ext4Mext

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
AcceptDax(d) == Skip(d, "CheckValidity", "DioWait")
=============================================================================
