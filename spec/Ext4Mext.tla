------------------------------- MODULE Ext4Mext -------------------------------
(***************************************************************************)
(* ext4's EXT4_IOC_MOVE_EXT after Zhang Yi's 2025 rework ("ext4: optimize  *)
(* online defragment", v4, merged for 6.19), as fs/ext4/move_extent.c has  *)
(* it from 6.19 on, including the two later fixes ("ext4: add missing      *)
(* down_write_data_sem in mext_move_extent()": repair_branches takes both  *)
(* i_data_sem; "ext4: mark move extents fast-commit ineligible"). Each     *)
(* defrag is one ioctl, ext4_move_extents, over the whole range:           *)
(*   LockInodes -> CheckValidity -> DioWait -> then per extent, with       *)
(*   cursor:                                                               *)
(*   MapBlocks -> JournalStart -> LockFolios -> CheckSeq                   *)
(*     -> (copy)  MkUptodate -> ReleaseFolios -> SwapExtents -> MkWrite    *)
(*                -> AddWrite -> MapBlocks (next extent)                   *)
(*     -> (move)  ReleaseFolios -> SwapExtents -> MapBlocks (next extent)  *)
(*   CheckSeq stale (-ESTALE)          -> MapBlocks (same extent)          *)
(*   ReleaseFolios busy (-EBUSY)       -> MapBlocks (same extent, after a  *)
(*                                        forced commit; at most 4 times)  *)
(*                                     -> Unlock (gives up, partial move)  *)
(*   MkWrite fails -> RepairBranches -> Unlock                             *)
(*   MapBlocks past the range -> Unlock -> Done                            *)
(*   CheckValidity on a DAX orig (-EOPNOTSUPP) -> Unlock -> Done           *)
(* What did not change from the legacy move_extent_per_page: the data goes *)
(* through the orig's page cache and reaches the new block only at         *)
(* writeback; no invalidate_lock; DAX is refused (mext_check_validity).    *)
(* What changed: the unit is one extent (a large folio), the lookup        *)
(* (ext4_map_blocks) runs without i_data_sem and is revalidated under the  *)
(* folio locks by the extent-status sequence counter i_es_seq (-ESTALE:    *)
(* retry), i_data_sem is held only around ext4_swap_extents.               *)
(*                                                                         *)
(* Granularity. One block = one folio = one extent: the moved range has    *)
(* LBlocks blocks and each loop iteration moves one (the kernel would map  *)
(* the whole physically contiguous range as one extent and move it in one  *)
(* large folio; at these bounds the per-block loop covers the same         *)
(* interleavings with smaller steps). Each step below is atomic.           *)
(*                                                                         *)
(* Folio locks. Environment.tla has none: each environment step that takes *)
(* a folio lock is atomic there. mext_move_extent holds both folio locks   *)
(* across several steps (LockFolios to the step that unlocks), so Next     *)
(* below lets no environment step change the cached page or the page      *)
(* mapping of a key whose folio a defrag holds (EnvStep). This             *)
(* also holds back a store through a writable mapping, which takes no      *)
(* lock: a writable mapping implies a dirty page here, which fails         *)
(* filemap_release_folio (-EBUSY) whatever the store does meanwhile, so    *)
(* the store after the unlock is the same behaviour. Under DAX the         *)
(* mappings target blocks and dax_iomap_fault takes no folio lock: they    *)
(* stay free. (Environment change wanted: a folio-lock holder per key.)    *)
(*                                                                         *)
(* The i_es_seq re-check is modelled by comparing the orig's current       *)
(* mapping (block, unwritten) at the cursor with the one MapBlocks         *)
(* sampled. This misses: an ABA change (mapping changed and changed back:  *)
(* the kernel retries, the model does not); and every change that bumps    *)
(* i_es_seq without changing this block's mapping (another block's extent, *)
(* extent-status cache insertions and shrinking): the kernel retries       *)
(* spuriously there. Both only cost the kernel a retry.                    *)
(*                                                                         *)
(* What changes the orig's mapping while the defrag holds i_rwsem: not the *)
(* writes (i_rwsem) nor direct I/O (drained, then excluded by i_rwsem),    *)
(* but a write fault (page_mkwrite takes only the folio lock and           *)
(* invalidate_lock shared) followed by writeback, which converts an        *)
(* unwritten extent to written (ext4_end_io -> ext4_convert_unwritten_     *)
(* io_end_vec). Environment.tla converts at the fault; either way the      *)
(* conversion can fall between MapBlocks and the re-check. That needs an   *)
(* orig with unwritten extents, which Environment's layout does not have   *)
(* (origs are written zeros): OrigPrealloc names the lblocks that start    *)
(* fallocated in each orig (ext4/308 builds such files); {} is             *)
(* Environment's layout (Environment change wanted: this parameter in      *)
(* EnvInit).                                                               *)
(*                                                                         *)
(* Not modelled: holes and delalloc extents (MEXT_SKIP_EXTENT), the donor  *)
(* hole skip, -ENOSPC retries, a failed or short ext4_swap_extents, the    *)
(* journal and crashes (the handle, ext4_jbd2_inode_add_write and the      *)
(* forced commit have no state here; the forced commit's writeback of the  *)
(* range attached earlier is the environment's Writeback, which may run at *)
(* the same moment), ext4_discard_preallocations.                          *)
(***************************************************************************)
EXTENDS Guarantee

CONSTANT OrigPrealloc   \* lblocks that start unwritten (fallocated over Garbage) in every orig

ASSUME OrigPrealloc \subseteq LBs

Steps == {"LockInodes", "CheckValidity", "DioWait", "MapBlocks", "JournalStart", "LockFolios",
          "CheckSeq", "MkUptodate", "ReleaseFolios", "SwapExtents", "MkWrite", "AddWrite",
          "RepairBranches", "Unlock", "Done"}

(* The steps a defrag is about to take while it holds both folio locks of  *)
(* the extent at its cursor (taken by LockFolios, dropped by the step that *)
(* leads out of this set).                                                 *)
FolioSteps == {"CheckSeq", "MkUptodate", "ReleaseFolios", "SwapExtents", "MkWrite", "AddWrite",
               "RepairBranches"}

(* ext4_move_extents: retries++ < 4 after -EBUSY.                          *)
MaxBusyRetries == 4

(* What MapBlocks samples (mext.orig_map and its m_seq cookie), the -EBUSY *)
(* retries so far, and the move type mext_move_begin chose.                *)
Sample == [blk : Blocks, unw : BOOLEAN, busy : 0..MaxBusyRetries, type : {"none", "move", "copy"}]

OrigKey(d)  == <<Orig(d), cursor[d]>>
DonorKey(d) == <<Donor(d), cursor[d]>>

(* Environment's initial layout, except that the lblocks OrigPrealloc of   *)
(* each orig are fallocated: unwritten extents over Garbage. With          *)
(* OrigPrealloc = {} this is EnvInit.                                      *)
Init ==
    /\ emap = InitialMaps
    /\ disk = [b \in Blocks |->
                 IF OwnerOf(b) \in Origs /\ ((b - 1) % LBlocks) + 1 \notin OrigPrealloc
                 THEN Zero ELSE Garbage]
    /\ unwritten = {k \in Keys : k[1] \notin Origs} \cup (Origs \X OrigPrealloc)
    /\ cache = [k \in {} |-> None]
    /\ pte = [k \in {} |-> None]
    /\ dio = {}
    /\ dior = {}
    /\ rwsem = [f \in Files |-> None]
    /\ ilock = [f \in Files |-> None]
    /\ ctime = [f \in Files |-> 0]
    /\ queried = [f \in Files |-> FALSE]
    /\ lastWrite = [k \in Keys |-> Zero]
    /\ issued = 0
    /\ step = [d \in DefragIds |-> "LockInodes"]
    /\ cursor = [d \in DefragIds |-> 1]
    /\ sample = [d \in DefragIds |-> None]

(* The loop's `next:` label: the extent is done, the cursor advances and   *)
(* the retry count is reset.                                               *)
NextExtent(d) == /\ cursor' = [cursor EXCEPT ![d] = @ + 1]
                 /\ sample' = [sample EXCEPT ![d] = None]
                 /\ Goto(d, "MapBlocks")


(* lock_two_nondirectories: both i_rwsem exclusive ("protect orig and      *)
(* donor inodes against a truncate"). Excludes buffered, direct and DAX    *)
(* writes, direct and DAX reads; not page faults (no invalidate_lock).     *)
LockInodes(d) ==
    /\ step[d] = "LockInodes"
    /\ TakeNext(rwsem, d, "CheckValidity")
    /\ UNCHANGED <<disk, emap, unwritten, cache, pte, dio, dior, ilock, timeVars, lastWrite, issued,
                   cursor, sample>>

(* mext_check_validity: among its refusals, IS_DAX(orig) -> -EOPNOTSUPP    *)
(* ("Online defrag not supported with DAX"; only the orig is tested), and  *)
(* ext4_move_extents goes to `out`: unlock and return. Here both files     *)
(* have the same DAX mode.                                                 *)
CheckValidity(d) ==
    /\ step[d] = "CheckValidity"
    /\ IF DAX THEN Goto(d, "Unlock") ELSE Goto(d, "DioWait")
    /\ UNCHANGED <<envVars, cursor, sample>>

(* inode_dio_wait on orig, then donor: no direct I/O of either in flight.  *)
(* (mext_check_adjust_range follows: the whole files are the range here.)  *)
DioWait(d) ==
    /\ step[d] = "DioWait"
    /\ \A r \in dio \cup dior : r.file \notin Pair(d)
    /\ Goto(d, "MapBlocks")
    /\ UNCHANGED <<envVars, cursor, sample>>

(* The loop head: past the range, leave; otherwise ext4_map_blocks(NULL,   *)
(* orig, ...) without i_data_sem returns the orig's mapping at the cursor  *)
(* and the i_es_seq cookie (map.m_seq): sampled here.                      *)
MapBlocks(d) ==
    /\ step[d] = "MapBlocks"
    /\ IF cursor[d] > LBlocks
       THEN /\ Goto(d, "Unlock")
            /\ UNCHANGED sample
       ELSE /\ sample' = [sample EXCEPT ![d] =
                   [blk  |-> emap[Orig(d)][cursor[d]],
                    unw  |-> OrigKey(d) \in unwritten,
                    busy |-> IF sample[d] = None THEN 0 ELSE sample[d].busy,
                    type |-> "none"]]
            /\ Goto(d, "JournalStart")
    /\ UNCHANGED <<envVars, cursor>>

(* mext_move_extent: ext4_journal_start (EXT4_HT_MOVE_EXTENTS) and         *)
(* ext4_fc_mark_ineligible, before any folio lock (ext4's lock order). No  *)
(* state here: the journal is not modelled.                                *)
JournalStart(d) ==
    /\ step[d] = "JournalStart"
    /\ Goto(d, "LockFolios")
    /\ UNCHANGED <<envVars, cursor, sample>>

(* mext_move_begin -> mext_folio_double_lock: __filemap_get_folio          *)
(* (FGP_WRITEBEGIN, even in a DAX mapping) locks both folios in inode      *)
(* order, creating them if absent, then folio_wait_writeback on both. A    *)
(* created folio is not uptodate: a reader would fill it from the block,   *)
(* as ReadFill does, so it is not in `cache` until MkUptodate fills it.    *)
(* Writeback is atomic here: none is in progress to wait for.              *)
LockFolios(d) ==
    /\ step[d] = "LockFolios"
    /\ Goto(d, "CheckSeq")
    /\ UNCHANGED <<envVars, cursor, sample>>

(* The orig's mapping at the cursor changed since MapBlocks: the stand-in  *)
(* for orig_map.m_seq != i_es_seq.                                         *)
Stale(d) == \/ emap[Orig(d)][cursor[d]] # sample[d].blk
            \/ (OrigKey(d) \in unwritten) # sample[d].unw

(* mext_move_begin, after the re-check: ext4_map_blocks on the donor (now, *)
(* under the folio locks); both the sampled orig mapping and the donor's   *)
(* unwritten -> MEXT_MOVE_EXTENT (swap only); else MEXT_COPY_DATA.         *)
MoveType(d) == IF sample[d].unw /\ DonorKey(d) \in unwritten THEN "move" ELSE "copy"

ChooseMoveType(d) ==
    /\ sample' = [sample EXCEPT ![d].type = MoveType(d)]
    /\ IF MoveType(d) = "copy" THEN Goto(d, "MkUptodate") ELSE Goto(d, "ReleaseFolios")

(* mext_move_begin: orig_map.m_seq != i_es_seq -> -ESTALE: unlock both     *)
(* folios, stop the handle, and the loop retries the same position         *)
(* (`continue`, the retry count kept); otherwise choose the move type.     *)
CheckSeq(d) ==
    /\ step[d] = "CheckSeq"
    /\ IF Stale(d)
       THEN /\ Goto(d, "MapBlocks")
            /\ UNCHANGED sample
       ELSE ChooseMoveType(d)
    /\ UNCHANGED <<envVars, cursor>>

(* MEXT_COPY_DATA, mext_folio_mkuptodate: an uptodate orig folio is kept   *)
(* as it is; otherwise its block is read from the OLD physical block       *)
(* (ext4_get_block, then a read; an unwritten one is zeroed), clean.       *)
MkUptodate(d) ==
    LET k == OrigKey(d)
    IN /\ step[d] = "MkUptodate"
       /\ cache' = IF k \in DOMAIN cache THEN cache
                   ELSE Put(cache, k, [val |-> BlockData(k[1], k[2]), dirty |-> FALSE,
                                       blk |-> emap[k[1]][k[2]]])
       /\ Goto(d, "ReleaseFolios")
       /\ UNCHANGED <<disk, emap, unwritten, pte, dio, dior, rwsem, ilock, timeVars, lastWrite, issued,
                      cursor, sample>>

(* filemap_release_folio on both folios (ext4_release_folio ->             *)
(* try_to_free_buffers) fails on a dirty folio (dirty buffers) -> -EBUSY:  *)
(* unlock, stop the handle; ext4_move_extents forces a journal commit      *)
(* (jbd2_journal_force_commit_nested; there is always the transaction of   *)
(* the handle just stopped) and retries while retries++ < 4, else returns  *)
(* -EBUSY with what it moved so far: the defrag ends. Otherwise the        *)
(* buffers are dropped (the folios keep their data).                       *)
PageDirty(k) == k \in DOMAIN cache /\ cache[k].dirty

ReleaseFolios(d) ==
    /\ step[d] = "ReleaseFolios"
    /\ IF PageDirty(OrigKey(d)) \/ PageDirty(DonorKey(d))
       THEN IF sample[d].busy < MaxBusyRetries
            THEN /\ sample' = [sample EXCEPT ![d].busy = @ + 1]
                 /\ Goto(d, "MapBlocks")
            ELSE /\ sample' = [sample EXCEPT ![d] = None]
                 /\ Goto(d, "Unlock")
       ELSE /\ Goto(d, "SwapExtents")
            /\ UNCHANGED sample
    /\ UNCHANGED <<envVars, cursor>>

(* Re-point the buffer mapping of the cached pages of keys ks at the       *)
(* blocks the extent maps name after this step: their buffers were         *)
(* dropped, and the next get_block maps whatever the extent names then.    *)
Repoint(ks, newMap) ==
    cache' = [k \in DOMAIN cache |->
                IF k \in ks THEN [cache[k] EXCEPT !.blk = newMap[k[1]][k[2]]] ELSE cache[k]]

(* ext4_double_down_write_data_sem; ext4_swap_extents(handle, orig, donor, *)
(* ..., unwritten = 1): the orig keeps its own written/unwritten state,    *)
(* the donor's range becomes unwritten; ext4_double_up_write_data_sem.     *)
(* MEXT_MOVE_EXTENT ends here: unlock the folios, stop the handle, next    *)
(* extent.                                                                 *)
SwapExtents(d) ==
    /\ step[d] = "SwapExtents"
    /\ Ext4SwapExtents(d, {cursor[d]})
    /\ Repoint({OrigKey(d), DonorKey(d)}, emap')
    /\ IF sample[d].type = "copy"
       THEN /\ Goto(d, "MkWrite")
            /\ UNCHANGED <<cursor, sample>>
       ELSE NextExtent(d)
    /\ UNCHANGED <<disk, pte, dio, rwsem, ilock, timeVars, issued>>

(* mext_folio_mkwrite: ext4_get_block maps the orig folio's buffers to the *)
(* NEW block (the donor's former one) and block_commit_write dirties it;   *)
(* nothing is written yet. ext4_get_block may fail (an I/O error or ENOMEM *)
(* reading the extent tree, whose status cache ext4_swap_extents just      *)
(* dropped): then repair_branches.                                         *)
MkWrite(d) ==
    LET k == OrigKey(d)
    IN /\ step[d] = "MkWrite"
       /\ \/ /\ cache' = [cache EXCEPT ![k] = [@ EXCEPT !.dirty = TRUE, !.blk = emap[k[1]][k[2]]]]
             /\ Goto(d, "AddWrite")
          \/ /\ UNCHANGED cache
             /\ Goto(d, "RepairBranches")
       /\ UNCHANGED <<disk, emap, unwritten, pte, dio, dior, rwsem, ilock, timeVars, lastWrite, issued,
                      cursor, sample>>

(* ext4_jbd2_inode_add_write: the range joins the transaction's ordered    *)
(* data (its commit writes the page first; crash-only, no state here);     *)
(* mext_folio_double_unlock, ext4_journal_stop; next extent.               *)
AddWrite(d) ==
    /\ step[d] = "AddWrite"
    /\ NextExtent(d)
    /\ UNCHANGED envVars

(* repair_branches: both i_data_sem (since "ext4: add missing              *)
(* down_write_data_sem in mext_move_extent()"), ext4_swap_extents(handle,  *)
(* donor, orig, ..., unwritten = 0) swaps back: the donor (first) keeps    *)
(* its own, unwritten, state; the orig (second) gets its old block back    *)
(* marked written (the orig was written here: MEXT_COPY_DATA with an       *)
(* unwritten donor). The error is returned: unlock the folios, stop the    *)
(* handle, and ext4_move_extents goes to `out`.                            *)
RepairBranches(d) ==
    LET lb == cursor[d]
    IN /\ step[d] = "RepairBranches"
       /\ emap' = [emap EXCEPT ![Orig(d)][lb] = emap[Donor(d)][lb],
                               ![Donor(d)][lb] = emap[Orig(d)][lb]]
       /\ unwritten' = unwritten \ {OrigKey(d)}
       /\ Repoint({OrigKey(d), DonorKey(d)}, emap')
       /\ sample' = [sample EXCEPT ![d] = None]
       /\ Goto(d, "Unlock")
       /\ UNCHANGED <<disk, pte, dio, dior, rwsem, ilock, timeVars, lastWrite, issued, cursor>>

(* `out`: ext4_discard_preallocations (no state here) and                  *)
(* unlock_two_nondirectories.                                              *)
Unlock(d) ==
    /\ step[d] = "Unlock"
    /\ rwsem' = [f \in Files |-> IF rwsem[f] = d THEN None ELSE rwsem[f]]
    /\ Goto(d, "Done")
    /\ UNCHANGED <<disk, emap, unwritten, cache, pte, dio, dior, ilock, timeVars, lastWrite, issued,
                   cursor, sample>>

(* An ablation model replaces one step: Skip passes on without doing it;   *)
(* CheckSeqSkipped chooses the move type from the sample unchecked.        *)

CheckSeqSkipped(d) ==
    /\ step[d] = "CheckSeq"
    /\ ChooseMoveType(d)
    /\ UNCHANGED <<envVars, cursor>>

DefragStep(d) ==
    \/ LockInodes(d) \/ CheckValidity(d) \/ DioWait(d) \/ MapBlocks(d) \/ JournalStart(d)
    \/ LockFolios(d) \/ CheckSeq(d) \/ MkUptodate(d) \/ ReleaseFolios(d) \/ SwapExtents(d)
    \/ MkWrite(d) \/ AddWrite(d) \/ RepairBranches(d) \/ Unlock(d)

-----------------------------------------------------------------------------
(* The keys whose folios a defrag holds locked.                            *)
FolioLocked == UNION {{OrigKey(d), DonorKey(d)} : d \in {x \in DefragIds : step[x] \in FolioSteps}}

(* Environment.tla's EnvNext, with the steps that take the folio lock of a *)
(* page (filemap_fault/page_mkwrite, filemap_create_folio or a read of a   *)
(* not-uptodate folio, writeback, reclaim) held back on the keys whose     *)
(* folios a defrag holds, and the lock-free store too (see the header).    *)
(* The other steps cannot touch those keys then: writes and direct I/O     *)
(* are excluded by i_rwsem and drained; DAX faults and stores take no      *)
(* folio lock. Keep in step with EnvNext.                                  *)
FolioFree(k)          == k \notin FolioLocked
FolioMmapFault(f, lb) == FolioFree(<<f, lb>>) /\ MmapFault(f, lb)
FolioMmapStore(f, lb) == FolioFree(<<f, lb>>) /\ MmapStore(f, lb)
FolioReadFill(f, lb)  == FolioFree(<<f, lb>>) /\ ReadFill(f, lb)
FolioWriteback(k)     == FolioFree(k) /\ Writeback(k)
FolioReclaimPage(k)   == FolioFree(k) /\ ReclaimPage(k)

EnvStep ==
    \/ \E f \in Files, lb \in LBs :
          \/ BufferedWrite(f, lb) \/ DioSubmit(f, lb) \/ FolioMmapFault(f, lb) \/ FolioMmapStore(f, lb)
          \/ FolioReadFill(f, lb) \/ DioReadSubmit(f, lb) \/ DioReadComplete(f, lb)
          \/ DaxWrite(f, lb) \/ DaxFault(f, lb) \/ DaxStore(f, lb)
    \/ \E f \in Files : Stat(f)
    \/ \E r \in Dio : DioComplete(r)
    \/ \E k \in Keys : FolioWriteback(k) \/ FolioReclaimPage(k)

(* Every defrag is done and the users are quiet: the system idles. This    *)
(* stutter step keeps TLC's deadlock check for real deadlocks.             *)
Terminated == (\A d \in DefragIds : step[d] = "Done") /\ EnvQuiet /\ UNCHANGED vars

Next == (\E d \in DefragIds : DefragStep(d)) \/ EnvStep \/ Terminated

Spec == Init /\ [][Next]_vars

TypeOK == /\ EnvTypeOK
          /\ step \in [DefragIds -> Steps]
          /\ cursor \in [DefragIds -> 1..(LBlocks + 1)]
          /\ sample \in [DefragIds -> Sample \cup {None}]

THEOREM Spec => [](TypeOK /\ Integrity /\ NoExposure)
THEOREM Spec => [](Conservation /\ Quiescence /\ NoStaleMapping /\ LockOrder)
=============================================================================
