----------------------------- MODULE XfsExchange -----------------------------
(***************************************************************************)
(* The XFS exchange-range family used as a defrag (fs/xfs/xfs_exchrange.c): *)
(* user space copies the target into a staging file, then asks the kernel  *)
(* to exchange the two files' mappings. The ioctl is issued on the         *)
(* target's fd, so file2 = Orig(d) (the target) and file1 = Donor(d) (the  *)
(* staging file, fallocated, written by no user).                          *)
(*                                                                         *)
(* Two variants, one module. They differ only in the first step and in the *)
(* flag that decides whether the freshness compare runs:                   *)
(*  (b) XFS_IOC_START_COMMIT + XFS_IOC_COMMIT_RANGE (Linux 6.12+):         *)
(*        StartCommit -> CopyBlock (each lblock) -> LockIo -> LockMmap     *)
(*        -> DrainDio -> WriteWait -> CheckFresh -> FlushUnmap2            *)
(*        -> FlushUnmap1 -> Exchange -> Unlock -> Done                     *)
(*      (CheckFresh: EBUSY -> Unlock). Spec / Init.                        *)
(*  (a) XFS_IOC_EXCHANGE_RANGE alone (Linux 6.10+): the same without       *)
(*      StartCommit; sample[d] = None stands for "no                       *)
(*      __XFS_EXCHANGE_RANGE_CHECK_FRESH2 flag", and CheckFresh then       *)
(*      passes on, exactly as xfs_exchrange_prep skips                     *)
(*      xfs_exchrange_check_freshness. ExchangeSpec / ExchangeInit.        *)
(* A model picks one with its SPECIFICATION line; the steps are shared, so *)
(* the two variants cannot drift apart.                                    *)
(*                                                                         *)
(* What the code does, as read (torvalds/linux xfs_exchrange.c):           *)
(*  - xfs_ioc_start_commit takes IOLOCK, MMAPLOCK and ILOCK SHARED on      *)
(*    file2 and samples ino, generation, ctime and mtime. Since the 6.13   *)
(*    multigrain merge and Darrick Wong's "xfs: port xfs_ioc_start_commit  *)
(*    to multigrain timestamps" (Dec 2024, Cc stable 6.13) it reads them   *)
(*    with fill_mg_cmtime, which MARKS CTIME QUERIED, so the next change   *)
(*    gets a distinct fine-grained value. (6.12's version read them with   *)
(*    inode_get_ctime/inode_get_mtime and marked nothing: the model        *)
(*    XfsCommitUnqueried overrides StartCommit with that.) No              *)
(*    inode_dio_wait, no flush: an O_DIRECT write submitted before it (its *)
(*    timestamp already updated by kiocb_modified) may still be in flight. *)
(*  - the staging copy is O_DIRECT, as xfs_fsr's (see CopyBlock).          *)
(*  - xfs_ioc_commit_range / xfs_ioc_exchange_range -> xfs_exchange_range  *)
(*    -> xfs_exchrange_contents: xfs_ilock2_io_mmap (IOLOCK of both in     *)
(*    address order after breaking pNFS layouts; then, if both inodes are  *)
(*    DAX, both MMAPLOCKs exclusive and xfs_break_dax_layouts, otherwise   *)
(*    filemap_invalidate_lock_two: the same lock, the mapping's            *)
(*    invalidate_lock); xfs_exchrange_prep -> xfs_exchange_range_prep:     *)
(*    inode_dio_wait on both, filemap_write_and_wait_range on both ranges; *)
(*    then the freshness compare (only with CHECK_FRESH2): ino, gen,       *)
(*    ctime, mtime of file2 against the sample, else -EBUSY;               *)
(*    xfs_flush_unmap_range on file2 then file1 (write back, then          *)
(*    truncate_pagecache_range); xfs_exchrange_mappings: ILOCK both,       *)
(*    xfs_exchange_mappings queues the logged exchange (XMI/XMD intents),  *)
(*    xfs_trans_commit; unlock.                                            *)
(*  - the exchange moves mappings with their written/unwritten state       *)
(*    (xfs_exchmaps_finish_one maps irec2 into file1 and irec1 into file2). *)
(* Not modelled: ILOCK (environment steps are atomic; only bio completions  *)
(* may run while a defrag holds it), pinned DAX pages, the exchange's own  *)
(* ctime/mtime update of both files (xfs_trans_ichgtime after the compare; *)
(* no later compare reads it in a one-defrag model), crash (the XMI intent *)
(* makes the exchange atomic across a crash: xfs_exchmaps_create_intent). *)
(***************************************************************************)
EXTENDS Guarantee

Steps == {"StartCommit", "CopyBlock", "LockIo", "LockMmap", "DrainDio", "WriteWait",
          "CheckFresh", "FlushUnmap2", "FlushUnmap1", "Exchange", "Unlock", "Done"}

(* (b) START_COMMIT + COMMIT_RANGE.                                        *)
Init == /\ EnvInit
        /\ step = [d \in DefragIds |-> "StartCommit"]
        /\ cursor = [d \in DefragIds |-> 1]
        /\ sample = [d \in DefragIds |-> None]

(* (a) EXCHANGE_RANGE alone: no sample, the copy is the first step.        *)
ExchangeInit == /\ EnvInit
                /\ step = [d \in DefragIds |-> "CopyBlock"]
                /\ cursor = [d \in DefragIds |-> 1]
                /\ sample = [d \in DefragIds |-> None]



-----------------------------------------------------------------------------
(* User space.                                                             *)

(* xfs_ioc_start_commit on file2: IOLOCK, MMAPLOCK, ILOCK shared (they     *)
(* wait for a defrag holding them exclusively); fill_mg_cmtime reads ctime *)
(* and mtime and marks ctime queried.                                      *)
StartCommit(d) ==
    /\ step[d] = "StartCommit"
    /\ rwsem[Orig(d)] = None /\ ilock[Orig(d)] = None
    /\ sample' = [sample EXCEPT ![d] = ctime[Orig(d)]]
    /\ queried' = [queried EXCEPT ![Orig(d)] = TRUE]
    /\ Goto(d, "CopyBlock")
    /\ UNCHANGED <<disk, emap, unwritten, cache, pte, dio, dior, rwsem, ilock, ctime, lastWrite, issued,
                   cursor>>

(* The staging copy, one block: an O_DIRECT read of file2 (xfs_file_dio_   *)
(* read, IOLOCK shared: kiocb_write_and_wait writes back a dirty page of   *)
(* the range first, then the block mapped now is read; an unwritten extent *)
(* reads Zero; DAX: xfs_file_dax_read reads the block, no flush), then an  *)
(* O_DIRECT write into file1's block at the same lblock (completion        *)
(* converts its unwritten extent). The read's value is fixed when the bio  *)
(* reads the block; nobody else touches file1, so read and write are one   *)
(* step here.                                                              *)
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
       /\ IF lb = LBlocks THEN Goto(d, "LockIo") ELSE UNCHANGED step
       /\ UNCHANGED <<emap, dio, dior, rwsem, ilock, timeVars, lastWrite, issued, sample>>

-----------------------------------------------------------------------------
(* Kernel: XFS_IOC_COMMIT_RANGE / XFS_IOC_EXCHANGE_RANGE.                  *)

(* xfs_ilock2_io_mmap, first half: both IOLOCKs exclusive.                 *)
LockIo(d) ==
    /\ step[d] = "LockIo"
    /\ TakeNext(rwsem, d, "LockMmap")
    /\ UNCHANGED <<disk, emap, unwritten, cache, pte, dio, dior, ilock, timeVars, lastWrite, issued,
                   cursor, sample>>

(* xfs_ilock2_io_mmap, second half: both MMAPLOCKs exclusive (both DAX:    *)
(* xfs_mmaplock_two_inodes_and_break_dax_layout; else                      *)
(* filemap_invalidate_lock_two).                                           *)
LockMmap(d) ==
    /\ step[d] = "LockMmap"
    /\ TakeNext(ilock, d, "DrainDio")
    /\ UNCHANGED <<disk, emap, unwritten, cache, pte, dio, dior, rwsem, timeVars, lastWrite, issued,
                   cursor, sample>>

(* xfs_exchange_range_prep: inode_dio_wait on both inodes.                 *)
DrainDio(d) ==
    /\ step[d] = "DrainDio"
    /\ \A r \in dio \cup dior : r.file \notin Pair(d)
    /\ Goto(d, "WriteWait")
    /\ UNCHANGED <<envVars, cursor, sample>>

(* xfs_exchange_range_prep: filemap_write_and_wait_range on both ranges.   *)
WriteWait(d) ==
    /\ step[d] = "WriteWait"
    /\ WriteBack(KeysOf(Pair(d)))
    /\ Goto(d, "CheckFresh")
    /\ UNCHANGED <<emap, unwritten, dio, dior, rwsem, ilock, timeVars, lastWrite, issued,
                   cursor, sample>>

(* xfs_exchrange_prep: with __XFS_EXCHANGE_RANGE_CHECK_FRESH2 (a commit,   *)
(* sample[d] # None) xfs_exchrange_check_freshness compares file2's ctime  *)
(* and mtime (one value here) with the sample: different -> EBUSY          *)
(* (unlock, nothing exchanged, the tool gives up). Without the flag        *)
(* (EXCHANGE_RANGE) nothing is compared.                                   *)
CheckFresh(d) ==
    /\ step[d] = "CheckFresh"
    /\ IF sample[d] = None \/ ctime[Orig(d)] = sample[d]
       THEN Goto(d, "FlushUnmap2") ELSE Goto(d, "Unlock")
    /\ UNCHANGED <<envVars, cursor, sample>>

(* xfs_flush_unmap_range(ip2): write back the range again, then            *)
(* truncate_pagecache_range: every page and user mapping (DAX: the PTEs)   *)
(* of file2's range is dropped.                                            *)
FlushUnmap2(d) ==
    LET ks    == KeysOf({Orig(d)})
        dirty == {k \in DOMAIN cache \cap ks : cache[k].dirty}
    IN /\ step[d] = "FlushUnmap2"
       /\ disk' = [b \in Blocks |->
                     IF \E k \in dirty : cache[k].blk = b
                     THEN cache[CHOOSE k \in dirty : cache[k].blk = b].val
                     ELSE disk[b]]
       /\ cache' = Drop(cache, ks)
       /\ pte' = Drop(pte, ks)
       /\ Goto(d, "FlushUnmap1")
       /\ UNCHANGED <<emap, unwritten, dio, dior, rwsem, ilock, timeVars, lastWrite, issued,
                      cursor, sample>>

(* xfs_flush_unmap_range(ip1): the same for file1.                         *)
FlushUnmap1(d) ==
    LET ks    == KeysOf({Donor(d)})
        dirty == {k \in DOMAIN cache \cap ks : cache[k].dirty}
    IN /\ step[d] = "FlushUnmap1"
       /\ disk' = [b \in Blocks |->
                     IF \E k \in dirty : cache[k].blk = b
                     THEN cache[CHOOSE k \in dirty : cache[k].blk = b].val
                     ELSE disk[b]]
       /\ cache' = Drop(cache, ks)
       /\ pte' = Drop(pte, ks)
       /\ Goto(d, "Exchange")
       /\ UNCHANGED <<emap, unwritten, dio, dior, rwsem, ilock, timeVars, lastWrite, issued,
                      cursor, sample>>

(* xfs_exchrange_mappings: ILOCK both, xfs_exchange_mappings (the logged   *)
(* exchange of the whole range), xfs_trans_commit, drop ILOCK.             *)
Exchange(d) ==
    /\ step[d] = "Exchange"
    /\ XfsExchangeMappings(d)
    /\ Goto(d, "Unlock")
    /\ UNCHANGED <<disk, cache, pte, dio, rwsem, ilock, timeVars, issued, cursor, sample>>

(* xfs_iunlock2_io_mmap.                                                   *)
Unlock(d) ==
    /\ step[d] = "Unlock"
    /\ rwsem' = [f \in Files |-> IF rwsem[f] = d THEN None ELSE rwsem[f]]
    /\ ilock' = [f \in Files |-> IF ilock[f] = d THEN None ELSE ilock[f]]
    /\ Goto(d, "Done")
    /\ UNCHANGED <<disk, emap, unwritten, cache, pte, dio, dior, timeVars, lastWrite, issued,
                   cursor, sample>>

(* An ablation model replaces one step in its cfg (e.g.                    *)
(* `CheckFresh <- NoCheckFresh`): Skip does nothing but pass on.            *)

DefragStep(d) ==
    \/ StartCommit(d) \/ CopyBlock(d) \/ LockIo(d) \/ LockMmap(d) \/ DrainDio(d)
    \/ WriteWait(d) \/ CheckFresh(d) \/ FlushUnmap2(d) \/ FlushUnmap1(d)
    \/ Exchange(d) \/ Unlock(d)

(* Every defrag is done and the users are quiet (EnvQuiet, which also     *)
(* covers a used-up modelled clock): the system idles. Real deadlocks (a   *)
(* defrag step that can never run) are still reported.                     *)
Terminated == (\A d \in DefragIds : step[d] = "Done") /\ EnvQuiet /\ UNCHANGED vars

Next == (\E d \in DefragIds : DefragStep(d)) \/ EnvNext \/ Terminated

Spec         == Init /\ [][Next]_vars
ExchangeSpec == ExchangeInit /\ [][Next]_vars

(* Weak fairness of each defrag's steps (the tool and its ioctl keep       *)
(* running; signals are not modelled).                                     *)
LiveSpec == Spec /\ EnvFairness /\ \A d \in DefragIds : WF_vars(DefragStep(d))

TypeOK == EnvTypeOK /\ step \in [DefragIds -> Steps]
                    /\ cursor \in [DefragIds -> 1..(LBlocks + 1)]
                    /\ sample \in [DefragIds -> (0..MaxTime) \cup {None}]

DrainTerminates == \A d \in DefragIds : step[d] = "DrainDio" ~> step[d] # "DrainDio"
DefragCompletes == \A d \in DefragIds : <>(step[d] = "Done")

THEOREM Spec => [](TypeOK /\ Integrity /\ NoExposure)
THEOREM ExchangeSpec => [](TypeOK /\ Integrity /\ NoExposure)
THEOREM Spec => [](Conservation /\ Quiescence /\ NoStaleMapping /\ LockOrder)
THEOREM LiveSpec => DrainTerminates /\ DefragCompletes
=============================================================================
