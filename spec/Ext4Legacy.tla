----------------------------- MODULE Ext4Legacy -----------------------------
(***************************************************************************)
(* ext4's EXT4_IOC_MOVE_EXT as it was until 6.18: ext4_move_extents and    *)
(* move_extent_per_page (fs/ext4/move_extent.c). Each defrag runs:         *)
(*   LockInodes -> DrainDio -> MovePage (once per page, cursor) -> Unlock  *)
(*   -> Done                                                               *)
(* The data moves through the orig's page cache: the page is read from the *)
(* old block, the extent swapped, the page's buffers re-pointed at the new *)
(* block and dirtied; the data reaches the new block only at a later       *)
(* writeback. No invalidate_lock is taken.                                 *)
(*                                                                         *)
(* DAX. Since 4.5 ext4_ioctl refuses EXT4_IOC_MOVE_EXT on DAX files        *)
(* (EOPNOTSUPP, Ross Zwisler's fix after the 2016 thread). The DAX models  *)
(* run the path without that refusal, as the 2016 kernel did, to show why  *)
(* it is needed: the page is still created (FGP_WRITEBEGIN), but DAX reads *)
(* bypass it and DAX writeback never writes ordinary pages.                *)
(*                                                                         *)
(* Not modelled: the unwritten fast path (both extents unwritten: swap     *)
(* only; gives the same result here), the -EBUSY retry when a folio cannot *)
(* be released, i_data_sem (every MovePage is atomic).                     *)
(***************************************************************************)
EXTENDS Guarantee

Steps == {"LockInodes", "DrainDio", "MovePage", "Unlock", "Done"}

Init == /\ EnvInit
        /\ step = [d \in DefragIds |-> "LockInodes"]
        /\ cursor = [d \in DefragIds |-> 1]
        /\ sample = [d \in DefragIds |-> None]

(* lock_two_nondirectories: both i_rwsem exclusive, one inode per step in  *)
(* address order.                                                          *)
LockInodes(d) ==
    /\ step[d] = "LockInodes"
    /\ TakeNext(rwsem, d, "DrainDio")
    /\ UNCHANGED <<disk, emap, unwritten, cache, pte, dio, dior, ilock, timeVars, lastWrite, issued,
                   cursor, sample>>

(* inode_dio_wait on both inodes.                                          *)
DrainDio(d) ==
    /\ step[d] = "DrainDio"
    /\ \A r \in dio \cup dior : r.file \notin Pair(d)
    /\ Goto(d, "MovePage")
    /\ UNCHANGED <<envVars, cursor, sample>>

(* move_extent_per_page for page lb = cursor[d]: lock both folios (the     *)
(* orig's is created by FGP_WRITEBEGIN even in a DAX mapping), make it     *)
(* uptodate from the OLD block if it was not cached (mext_page_mkuptodate),*)
(* ext4_swap_extents for that block, re-map the page's buffers to the NEW  *)
(* block (the donor's former one) and dirty it (block_commit_write).       *)
MovePage(d) ==
    LET lb  == cursor[d]
        k   == <<Orig(d), lb>>
        new == emap[Donor(d)][lb]
    IN /\ step[d] = "MovePage"
       /\ cache' = Put(cache, k,
              IF k \in DOMAIN cache THEN [cache[k] EXCEPT !.blk = new, !.dirty = TRUE]
              ELSE [val |-> BlockData(Orig(d), lb), dirty |-> TRUE, blk |-> new])
       /\ Ext4SwapExtents(d, {lb})
       /\ cursor' = [cursor EXCEPT ![d] = lb + 1]
       /\ IF lb = LBlocks THEN Goto(d, "Unlock") ELSE UNCHANGED step
       /\ UNCHANGED <<disk, pte, dio, rwsem, ilock, timeVars, issued, sample>>

(* unlock_two_nondirectories.                                              *)
Unlock(d) ==
    /\ step[d] = "Unlock"
    /\ rwsem' = [f \in Files |-> IF rwsem[f] = d THEN None ELSE rwsem[f]]
    /\ Goto(d, "Done")
    /\ UNCHANGED <<disk, emap, unwritten, cache, pte, dio, dior, ilock, timeVars, lastWrite, issued,
                   cursor, sample>>

DefragStep(d) == LockInodes(d) \/ DrainDio(d) \/ MovePage(d) \/ Unlock(d)

Terminated == (\A d \in DefragIds : step[d] = "Done") /\ EnvQuiet /\ UNCHANGED vars

Next == (\E d \in DefragIds : DefragStep(d)) \/ EnvNext \/ Terminated

Spec == Init /\ [][Next]_vars

LiveSpec == Spec /\ EnvFairness /\ \A d \in DefragIds : WF_vars(DefragStep(d))

TypeOK == /\ EnvTypeOK /\ step \in [DefragIds -> Steps]
          /\ cursor \in [DefragIds -> 1..(LBlocks + 1)] /\ sample = [d \in DefragIds |-> None]

THEOREM ~DAX => (Spec => [](TypeOK /\ Integrity /\ NoExposure))
=============================================================================
