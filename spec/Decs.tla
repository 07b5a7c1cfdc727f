-------------------------------- MODULE Decs --------------------------------
(***************************************************************************)
(* Drain-evict-copy-swap: the protocol Jan Kara proposed in the 2016       *)
(* thread for EXT4_IOC_MOVE_EXT on DAX files ("grab all the necessary      *)
(* locks, wait for all direct I/O to complete, evict everything in the     *)
(* page cache, copy the data, swap the extents"). Not in any kernel; the   *)
(* protocol our implementation (impl/) follows. Each defrag runs, in       *)
(* order:                                                                  *)
(*   LockInodes -> LockInvalidate -> DrainDio -> FlushCache -> EvictCache  *)
(*   -> CopyData -> SwapExtents -> Unlock -> Done                          *)
(* The data is copied block to block, not through the page cache, so the   *)
(* protocol is the same with and without DAX.                              *)
(***************************************************************************)
EXTENDS Guarantee

Steps == {"LockInodes", "LockInvalidate", "DrainDio", "FlushCache", "EvictCache",
          "CopyData", "SwapExtents", "Unlock", "Done"}

Init == /\ EnvInit
        /\ step = [d \in DefragIds |-> "LockInodes"]
        /\ cursor = [d \in DefragIds |-> 1]
        /\ sample = [d \in DefragIds |-> None]


(* lock_two_nondirectories: both i_rwsem exclusive. Excludes new buffered  *)
(* and direct writes, direct and DAX reads.                                *)
LockInodes(d) ==
    /\ step[d] = "LockInodes"
    /\ TakeNext(rwsem, d, "LockInvalidate")
    /\ UNCHANGED <<disk, emap, unwritten, cache, pte, dio, dior, ilock, timeVars, lastWrite, issued,
                   cursor, sample>>

(* filemap_invalidate_lock_two: both invalidate_locks exclusive. Excludes  *)
(* page faults and cache fills.                                            *)
LockInvalidate(d) ==
    /\ step[d] = "LockInvalidate"
    /\ TakeNext(ilock, d, "DrainDio")
    /\ UNCHANGED <<disk, emap, unwritten, cache, pte, dio, dior, rwsem, timeVars, lastWrite, issued,
                   cursor, sample>>

(* inode_dio_wait on both inodes: wait until no direct I/O of either is in *)
(* flight.                                                                 *)
DrainDio(d) ==
    /\ step[d] = "DrainDio"
    /\ \A r \in dio \cup dior : r.file \notin Pair(d)
    /\ Goto(d, "FlushCache")
    /\ UNCHANGED <<envVars, cursor, sample>>

(* filemap_write_and_wait_range on both ranges: every dirty page is        *)
(* written to its block and cleaned, its mapping write-protected. (DAX:    *)
(* there are no pages; dax_writeback_mapping_range also write-protects the *)
(* DAX PTEs, which the eviction right after removes anyway, so this step   *)
(* leaves them to EvictCache.)                                             *)
FlushCache(d) ==
    LET dirty == {k \in DOMAIN cache : k[1] \in Pair(d) /\ cache[k].dirty}
    IN /\ step[d] = "FlushCache"
       /\ disk' = [b \in Blocks |->
                     IF \E k \in dirty : cache[k].blk = b
                     THEN cache[CHOOSE k \in dirty : cache[k].blk = b].val
                     ELSE disk[b]]
       /\ cache' = [k \in DOMAIN cache |->
                      IF k \in dirty THEN [cache[k] EXCEPT !.dirty = FALSE] ELSE cache[k]]
       /\ pte' = [k \in DOMAIN pte |->
                      IF k \in dirty THEN [pte[k] EXCEPT !.writable = FALSE] ELSE pte[k]]
       /\ Goto(d, "EvictCache")
       /\ UNCHANGED <<emap, unwritten, dio, dior, rwsem, ilock, timeVars, lastWrite, issued,
                      cursor, sample>>

(* truncate_pagecache_range on both ranges: unmap every mapping (with DAX  *)
(* the PTEs to the blocks) and drop every cached page, dirty or not.       *)
EvictCache(d) ==
    /\ step[d] = "EvictCache"
    /\ cache' = Drop(cache, KeysOf(Pair(d)))
    /\ pte' = Drop(pte, KeysOf(Pair(d)))
    /\ Goto(d, "CopyData")
    /\ UNCHANGED <<disk, emap, unwritten, dio, dior, rwsem, ilock, timeVars, lastWrite, issued,
                   cursor, sample>>

(* Copy each orig block to the donor's block at the same lblock, directly  *)
(* (not through the cache) and durably before the swap.                    *)
CopyData(d) ==
    /\ step[d] = "CopyData"
    /\ disk' = [b \in Blocks |->
                  IF \E lb \in LBs : emap[Donor(d)][lb] = b
                  THEN disk[emap[Orig(d)][CHOOSE lb \in LBs : emap[Donor(d)][lb] = b]]
                  ELSE disk[b]]
    /\ Goto(d, "SwapExtents")
    /\ UNCHANGED <<emap, unwritten, cache, pte, dio, dior, rwsem, ilock, timeVars, lastWrite, issued,
                   cursor, sample>>

(* ext4_swap_extents over the whole range, one journal transaction         *)
(* (DecsCrash.tla journals it).                                            *)
SwapExtents(d) ==
    /\ step[d] = "SwapExtents"
    /\ Ext4SwapExtents(d, LBs)
    /\ Goto(d, "Unlock")
    /\ UNCHANGED <<disk, cache, pte, dio, rwsem, ilock, timeVars, issued, cursor, sample>>

(* filemap_invalidate_unlock_two and unlock_two_nondirectories.            *)
Unlock(d) ==
    /\ step[d] = "Unlock"
    /\ rwsem' = [f \in Files |-> IF rwsem[f] = d THEN None ELSE rwsem[f]]
    /\ ilock' = [f \in Files |-> IF ilock[f] = d THEN None ELSE ilock[f]]
    /\ Goto(d, "Done")
    /\ UNCHANGED <<disk, emap, unwritten, cache, pte, dio, dior, timeVars, lastWrite, issued,
                   cursor, sample>>


DefragStep(d) ==
    \/ LockInodes(d) \/ LockInvalidate(d) \/ DrainDio(d) \/ FlushCache(d)
    \/ EvictCache(d) \/ CopyData(d) \/ SwapExtents(d) \/ Unlock(d)

(* Every defrag is done and the users are quiet: the system idles. This    *)
(* stutter step keeps TLC's deadlock check for real deadlocks.             *)
Terminated == (\A d \in DefragIds : step[d] = "Done") /\ EnvQuiet /\ UNCHANGED vars

Next == (\E d \in DefragIds : DefragStep(d)) \/ EnvNext \/ Terminated

Spec == Init /\ [][Next]_vars

(* Weak fairness of each defrag's steps: the ioctl's thread keeps running  *)
(* once a step is enabled (it is not killed; -EINTR is not modelled).      *)
LiveSpec == Spec /\ EnvFairness /\ \A d \in DefragIds : WF_vars(DefragStep(d))

TypeOK == EnvTypeOK /\ step \in [DefragIds -> Steps] /\ cursor = [d \in DefragIds |-> 1]
                    /\ sample = [d \in DefragIds |-> None]

(* The drain terminates; the defrag completes.                             *)
DrainTerminates == \A d \in DefragIds : step[d] = "DrainDio" ~> step[d] # "DrainDio"
DefragCompletes == \A d \in DefragIds : <>(step[d] = "Done")

THEOREM Spec => [](TypeOK /\ Integrity /\ NoExposure)
THEOREM Spec => [](Conservation /\ Quiescence /\ NoStaleMapping /\ LockOrder)
THEOREM LiveSpec => DrainTerminates /\ DefragCompletes
=============================================================================
