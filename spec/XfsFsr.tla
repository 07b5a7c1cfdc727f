------------------------------- MODULE XfsFsr -------------------------------
(***************************************************************************)
(* xfs_fsr (xfsprogs fsr/xfs_fsr.c: fsrfile, fsrfile_common, packfile)     *)
(* with the kernel's XFS_IOC_SWAPEXT (fs/xfs/xfs_bmap_util.c,              *)
(* xfs_swap_extents). Defrag d: Orig(d) is the target, Donor(d) is fsr's   *)
(* unlinked temp file, fallocated (unwritten extents) and written by no    *)
(* user. Each defrag runs, in order:                                       *)
(*   user space (xfs_fsr):                                                 *)
(*     Bulkstat -> FsyncOrig -> CopyBlock (each lblock) -> FsyncTemp       *)
(*   kernel (xfs_swap_extents):                                            *)
(*     -> LockIo -> LockMmap -> FlushOrig -> FlushTemp -> CheckFresh       *)
(*     -> SwapForks -> Unlock -> Done   (CheckFresh: EBUSY -> Unlock)      *)
(*                                                                         *)
(* What the code does, as read (torvalds/linux xfs_bmap_util.c, the        *)
(* versions with filemap_invalidate_lock_two and inode_get_ctime; the      *)
(* older xfs_lock_two_inodes(MMAPLOCK_EXCL) versions lock the same):       *)
(*  - the freshness sample is xfs_bulkstat_one_int's copy of ctime/mtime,  *)
(*    read under ILOCK shared with inode_get_ctime_sec/_nsec, which mask   *)
(*    I_CTIME_QUERIED and never set it (only fill_mg_cmtime sets it):      *)
(*    a bulkstat does NOT make the next change fine-grained, so a write    *)
(*    in the same coarse tick may leave ctime equal to the sample;         *)
(*  - xfs_fsr fsyncs the target after the bulkstat (fsrfile_common) and    *)
(*    copies it with O_DIRECT reads and O_DIRECT writes into the temp      *)
(*    (packfile), then fsyncs the temp and calls SWAPEXT;                  *)
(*  - xfs_swap_extents takes IOLOCK (lock_two_nondirectories) and MMAPLOCK *)
(*    (filemap_invalidate_lock_two), runs xfs_swap_extent_flush on both    *)
(*    (filemap_write_and_wait + truncate_pagecache_range of the whole      *)
(*    file), takes ILOCK, compares ctime and mtime with the bulkstat       *)
(*    (EBUSY if different) and swaps the whole data forks. It calls NO     *)
(*    inode_dio_wait (checked in every version of xfs_swap_extents read:   *)
(*    the 2.6-era, 5.x, 6.x ones): an async O_DIRECT write submitted before *)
(*    the ioctl may still be in flight, to the target's old block.         *)
(*  - the swap moves whole extent records, their written/unwritten state   *)
(*    with them (swap of ip->i_df), unlike ext4's mark_unwritten: after    *)
(*    the swap the temp maps the target's old, written blocks, so its      *)
(*    expected content is the target's old content; no timestamp changes.  *)
(*  - DAX: xfs_swap_extents breaks no DAX layout (pinned DAX pages are not *)
(*    modelled anyway); truncate_pagecache_range unmaps the DAX PTEs.      *)
(* Not modelled: ILOCK (every environment step is atomic, and the only     *)
(* ones that may run while a defrag holds ILOCK here are bio completions), *)
(* the temp file's own timestamps (never compared), crash (SWAPEXT without *)
(* rmap is one transaction).                                               *)
(***************************************************************************)
EXTENDS Guarantee

Steps == {"Bulkstat", "FsyncOrig", "CopyBlock", "FsyncTemp", "LockIo", "LockMmap",
          "FlushOrig", "FlushTemp", "CheckFresh", "SwapForks", "Unlock", "Done"}

Init == /\ EnvInit
        /\ step = [d \in DefragIds |-> "Bulkstat"]
        /\ cursor = [d \in DefragIds |-> 1]
        /\ sample = [d \in DefragIds |-> None]



-----------------------------------------------------------------------------
(* User space: xfs_fsr.                                                    *)

(* fsrfile: xfrog_bulkstat_single (XFS_IOC_FSBULKSTAT_SINGLE ->            *)
(* xfs_bulkstat_one_int) copies the target's ctime and mtime under ILOCK   *)
(* shared; it does not mark ctime queried.                                 *)
Bulkstat(d) ==
    /\ step[d] = "Bulkstat"
    /\ sample' = [sample EXCEPT ![d] = ctime[Orig(d)]]
    /\ Goto(d, "FsyncOrig")
    /\ UNCHANGED <<envVars, cursor>>

(* fsrfile_common: fsync(fd) of the target (xfs_file_fsync ->              *)
(* file_write_and_wait_range over the whole file).                        *)
FsyncOrig(d) ==
    /\ step[d] = "FsyncOrig"
    /\ WriteBack(KeysOf({Orig(d)}))
    /\ Goto(d, "CopyBlock")
    /\ UNCHANGED <<emap, unwritten, dio, dior, rwsem, ilock, timeVars, lastWrite, issued,
                   cursor, sample>>

(* packfile's copy loop, one block: read(fd) with O_DIRECT                 *)
(* (xfs_file_dio_read, IOLOCK shared: kiocb_write_and_wait writes back a   *)
(* dirty page of the range first, then the block mapped now is read; an    *)
(* unwritten extent reads Zero; DAX: xfs_file_dax_read reads the block,    *)
(* no flush), then write(tfd) with O_DIRECT into the temp's block at the   *)
(* same lblock (completion converts the unwritten extent). The read's      *)
(* value is fixed at the moment the bio reads the block; nobody but fsr    *)
(* touches the temp, so the write's later landing changes nothing a user   *)
(* sees and the two are one step here.                                     *)
CopyBlock(d) ==
    LET lb      == cursor[d]
        k       == <<Orig(d), lb>>
        flushed == k \in DOMAIN cache /\ cache[k].dirty
        newDisk == IF flushed THEN [disk EXCEPT ![cache[k].blk] = cache[k].val] ELSE disk
        val     == IF k \in unwritten THEN Zero ELSE newDisk[emap[Orig(d)][lb]]
    IN /\ step[d] = "CopyBlock"
       /\ rwsem[Orig(d)] = None /\ rwsem[Donor(d)] = None
       /\ disk' = [newDisk EXCEPT ![emap[Donor(d)][lb]] = val]
       /\ cache' = IF flushed THEN [cache EXCEPT ![k].dirty = FALSE] ELSE cache
       /\ pte' = IF flushed /\ k \in DOMAIN pte THEN [pte EXCEPT ![k].writable = FALSE] ELSE pte
       /\ unwritten' = unwritten \ {<<Donor(d), lb>>}
       /\ cursor' = [cursor EXCEPT ![d] = lb + 1]
       /\ IF lb = LBlocks THEN Goto(d, "FsyncTemp") ELSE UNCHANGED step
       /\ UNCHANGED <<emap, dio, dior, rwsem, ilock, timeVars, lastWrite, issued, sample>>

(* packfile: ftruncate and fsync(tfd). The temp has no dirty pages (its    *)
(* writes were O_DIRECT and completed); without crashes this step changes  *)
(* no modelled state.                                                      *)
FsyncTemp(d) ==
    /\ step[d] = "FsyncTemp"
    /\ Goto(d, "LockIo")
    /\ UNCHANGED <<envVars, cursor, sample>>

-----------------------------------------------------------------------------
(* Kernel: XFS_IOC_SWAPEXT -> xfs_ioc_swapext -> xfs_swap_extents.         *)

(* lock_two_nondirectories: both IOLOCKs exclusive.                        *)
LockIo(d) ==
    /\ step[d] = "LockIo"
    /\ TakeNext(rwsem, d, "LockMmap")
    /\ UNCHANGED <<disk, emap, unwritten, cache, pte, dio, dior, ilock, timeVars, lastWrite, issued,
                   cursor, sample>>

(* filemap_invalidate_lock_two: both MMAPLOCKs (invalidate_lock) exclusive. *)
LockMmap(d) ==
    /\ step[d] = "LockMmap"
    /\ TakeNext(ilock, d, "FlushOrig")
    /\ UNCHANGED <<disk, emap, unwritten, cache, pte, dio, dior, rwsem, timeVars, lastWrite, issued,
                   cursor, sample>>

(* xfs_swap_extent_flush(ip), the target: filemap_write_and_wait of the    *)
(* whole mapping, then truncate_pagecache_range(0, -1): every page and     *)
(* every user mapping (DAX: the PTEs) of the file is dropped.              *)
FlushOrig(d) ==
    LET dirty == {k \in DOMAIN cache \cap KeysOf({Orig(d)}) : cache[k].dirty}
    IN /\ step[d] = "FlushOrig"
       /\ disk' = [b \in Blocks |->
                     IF \E k \in dirty : cache[k].blk = b
                     THEN cache[CHOOSE k \in dirty : cache[k].blk = b].val
                     ELSE disk[b]]
       /\ cache' = Drop(cache, KeysOf({Orig(d)}))
       /\ pte' = Drop(pte, KeysOf({Orig(d)}))
       /\ Goto(d, "FlushTemp")
       /\ UNCHANGED <<emap, unwritten, dio, dior, rwsem, ilock, timeVars, lastWrite, issued,
                      cursor, sample>>

(* xfs_swap_extent_flush(tip), the temp: the same (it has no pages).      *)
FlushTemp(d) ==
    LET dirty == {k \in DOMAIN cache \cap KeysOf({Donor(d)}) : cache[k].dirty}
    IN /\ step[d] = "FlushTemp"
       /\ disk' = [b \in Blocks |->
                     IF \E k \in dirty : cache[k].blk = b
                     THEN cache[CHOOSE k \in dirty : cache[k].blk = b].val
                     ELSE disk[b]]
       /\ cache' = Drop(cache, KeysOf({Donor(d)}))
       /\ pte' = Drop(pte, KeysOf({Donor(d)}))
       /\ Goto(d, "CheckFresh")
       /\ UNCHANGED <<emap, unwritten, dio, dior, rwsem, ilock, timeVars, lastWrite, issued,
                      cursor, sample>>

(* xfs_lock_two_inodes(ILOCK_EXCL), then the comparison of the target's    *)
(* ctime and mtime (one value here) with the bulkstat: different -> EBUSY  *)
(* (xfs_trans_cancel, unlock, nothing swapped; xfs_fsr gives up the file). *)
CheckFresh(d) ==
    /\ step[d] = "CheckFresh"
    /\ IF ctime[Orig(d)] = sample[d] THEN Goto(d, "SwapForks") ELSE Goto(d, "Unlock")
    /\ UNCHANGED <<envVars, cursor, sample>>

(* xfs_swap_extent_forks (no rmap) / xfs_swap_extent_rmap: the whole data  *)
(* forks change owner, one transaction; xfs_trans_commit.                  *)
SwapForks(d) ==
    /\ step[d] = "SwapForks"
    /\ XfsExchangeMappings(d)
    /\ Goto(d, "Unlock")
    /\ UNCHANGED <<disk, cache, pte, dio, rwsem, ilock, timeVars, issued, cursor, sample>>

(* xfs_iunlock(ILOCK), filemap_invalidate_unlock_two,                      *)
(* unlock_two_nondirectories.                                              *)
Unlock(d) ==
    /\ step[d] = "Unlock"
    /\ rwsem' = [f \in Files |-> IF rwsem[f] = d THEN None ELSE rwsem[f]]
    /\ ilock' = [f \in Files |-> IF ilock[f] = d THEN None ELSE ilock[f]]
    /\ Goto(d, "Done")
    /\ UNCHANGED <<disk, emap, unwritten, cache, pte, dio, dior, timeVars, lastWrite, issued,
                   cursor, sample>>

(* An ablation model replaces one step by Skip in its cfg (e.g.            *)
(* `CheckFresh <- NoCheckFresh`): the step does nothing but pass on.        *)

DefragStep(d) ==
    \/ Bulkstat(d) \/ FsyncOrig(d) \/ CopyBlock(d) \/ FsyncTemp(d)
    \/ LockIo(d) \/ LockMmap(d) \/ FlushOrig(d) \/ FlushTemp(d)
    \/ CheckFresh(d) \/ SwapForks(d) \/ Unlock(d)

(* Every defrag is done and the users are quiet (EnvQuiet, which also     *)
(* covers a used-up modelled clock): the system idles. Real deadlocks (a   *)
(* defrag step that can never run) are still reported.                     *)
Terminated == (\A d \in DefragIds : step[d] = "Done") /\ EnvQuiet /\ UNCHANGED vars

Next == (\E d \in DefragIds : DefragStep(d)) \/ EnvNext \/ Terminated

Spec == Init /\ [][Next]_vars

(* Weak fairness of each defrag's steps (xfs_fsr and its ioctl keep        *)
(* running; signals are not modelled).                                     *)
LiveSpec == Spec /\ EnvFairness /\ \A d \in DefragIds : WF_vars(DefragStep(d))

TypeOK == EnvTypeOK /\ step \in [DefragIds -> Steps]
                    /\ cursor \in [DefragIds -> 1..(LBlocks + 1)]
                    /\ sample \in [DefragIds -> (0..MaxTime) \cup {None}]

DefragCompletes == \A d \in DefragIds : <>(step[d] = "Done")

THEOREM Spec => [](TypeOK /\ Integrity /\ NoExposure)
THEOREM Spec => [](Conservation /\ Quiescence /\ NoStaleMapping /\ LockOrder)
THEOREM LiveSpec => DefragCompletes
=============================================================================
