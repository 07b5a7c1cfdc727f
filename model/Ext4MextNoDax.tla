---------------------------- MODULE Ext4MextNoDax ----------------------------
\* ext4's 2025 MOVE_EXT (mext_move_extent, 6.19+) without DAX: buffered,
\* direct and mmap writers and buffered and direct readers on the orig,
\* memory-pressure reclaim, one defrag. Orig lblock 1 starts fallocated
\* (unwritten), lblock 2 written, so both move types run: MEXT_MOVE_EXTENT
\* (swap only) while lblock 1 is still unwritten, MEXT_COPY_DATA otherwise.
\* Every exit of the loop is reached at these bounds (checked with throw-away
\* reachability invariants): the -ESTALE retry (a write fault and writeback
\* between the lookup and the re-check, depth 9), MEXT_MOVE_EXTENT (10), a
\* failed mext_folio_mkwrite and repair_branches (15), and the -EBUSY
\* give-up after four forced commits (35).
\* Expected: no violation. The moved data sits in the orig's dirty page, which
\* every read of the orig consults and writeback writes to the new block; a
\* page a writer dirtied first fails filemap_release_folio (-EBUSY).
\* Bounds: 2 files, 2 blocks each (two extents), 2 writes (a write before the
\* move and one between the lookup and the re-check, or one after the move of
\* the same block), Clock "none" (timestamps play no part in this protocol).
\* Run once with 3 writes, before direct reads were bounded to one in flight
\* and the users' contract (Uncontended) was stated: no violation, 786,464
\* distinct states (5,357,494 total), depth 58, 4 min 01 s with 1 worker on a
\* loaded machine.
EXTENDS Ext4Mext

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
