-------------------------- MODULE Ext4MextNoSeqCheck --------------------------
\* Ablation of Ext4MextNoDax: the same model with mext_move_begin's i_es_seq
\* re-check removed (CheckSeq <- NoSeqCheck: the move type is chosen from the
\* mapping ext4_map_blocks sampled, unchecked). Shows the re-check is
\* necessary: a write fault (no i_rwsem) and writeback convert the orig's
\* fallocated block to written between the lookup and the folio locks.
\* Expected: NoExposure fails (safety failure). Ext4MextNoSeqCheckCause.cfg
\* runs the diagnostics first: none of them fails first (the map, the page's
\* buffer mapping and the locks are all consistent; the wrong part is the
\* move type), so it reports NoExposure too.
\* Bounds: those of Ext4MextNoDax (the failure needs one write fault).
\* Shortest counterexample (14 states):
\*   LockInodes x2         both i_rwsem; CheckValidity; DioWait;
\*   MapBlocks             orig lblock 1 -> block 1, UNWRITTEN (fallocated over
\*                         Garbage): sampled;
\*   JournalStart;
\*   MmapFault(orig, 1)    a write fault (page_mkwrite: folio lock and shared
\*                         invalidate_lock only): page Zero, dirty, writable;
\*                         the extent becomes written (the kernel converts it
\*                         at writeback's end_io, before the folio's writeback
\*                         ends, so also before the re-check);
\*   Writeback(orig, 1)    block 1 <- Zero, page clean, mapping read-only;
\*   LockFolios;
\*   NoSeqCheck            the sample says unwritten and the donor is
\*                         unwritten: MEXT_MOVE_EXTENT (swap only, no copy);
\*   ReleaseFolios         both folios clean: released;
\*   SwapExtents           orig lblock 1 -> block 3 (the donor's fallocated
\*                         block, Garbage), and the orig keeps its CURRENT
\*                         state, written; the clean page re-points to 3;
\*   ReclaimPage(orig, 1)  memory pressure drops the clean page;
\* now a read of orig lblock 1 reads block 3: Garbage. With the re-check, step
\* NoSeqCheck is -ESTALE, the lookup is redone (written), and
\* MEXT_COPY_DATA leaves the data in a dirty page on block 3.
EXTENDS Ext4Mext

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
NoSeqCheck(d) == CheckSeqSkipped(d)
=============================================================================
