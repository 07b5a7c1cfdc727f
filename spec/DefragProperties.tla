-------------------------- MODULE DefragProperties --------------------------
(***************************************************************************)
(* What the defrag must guarantee (Defrag.tla defines the system).        *)
(* Models list the specific invariants (Quiescence, NoStaleMapping,       *)
(* NoExposure) before Integrity: TLC reports the first violated invariant *)
(* of the shortest bad behaviour, so an ablation reports the property its  *)
(* step protects rather than the data loss that follows from it.          *)
(***************************************************************************)
EXTENDS Defrag

TypeOK ==
    /\ disk \in [Blocks -> Values]
    /\ emap \in [Files -> [LBs -> Blocks]]
    /\ unwritten \subseteq Keys
    /\ DOMAIN cache \subseteq Keys /\ \A k \in DOMAIN cache : cache[k] \in Page
    /\ DOMAIN pte \subseteq Keys /\ \A k \in DOMAIN pte : pte[k] \in Pte
    /\ dio \subseteq Dio
    /\ rwsem \in [Files -> DefragIds \cup {None}]
    /\ ilock \in [Files -> DefragIds \cup {None}]
    /\ step \in [DefragIds -> StepNames]
    /\ cursor \in [DefragIds -> 1..(LBlocks + 1)]
    /\ lastWrite \in [Keys -> Values]
    /\ issued \in 0..MaxWrites

(* Integrity: every read returns the last completed write.                *)
Integrity == \A f \in Files, lb \in LBs : ReadView(f, lb) = lastWrite[<<f, lb>>]

(* Conservation: blocks are swapped, never duplicated or lost: no block   *)
(* is mapped twice and the mapped blocks are all blocks, always.          *)
Conservation ==
    /\ \A k1, k2 \in Keys : k1 # k2 => emap[k1[1]][k1[2]] # emap[k2[1]][k2[2]]
    /\ {emap[k[1]][k[2]] : k \in Keys} = Blocks

(* Quiescence: every in-flight direct write still targets the block its   *)
(* file maps at that lblock. Maps only change under a defrag, so this     *)
(* says no direct I/O is in flight when the maps change.                  *)
Quiescence == \A r \in dio : emap[r.file][r.lblock] = r.blk

(* A defrag's locked window on f: from its first step taken to Unlock.    *)
InWindow(f) == \E d \in DefragIds : f \in Pair(d) /\ step[d] \notin {Plan[1], "Done"}

(* NoStaleMapping: outside a defrag's locked window, no cached page's     *)
(* buffer mapping and no DAX mapping targets a block its file does not    *)
(* map there (writeback or a store would hit another file's block).       *)
NoStaleMapping ==
    /\ \A k \in DOMAIN cache :
          ~InWindow(k[1]) => cache[k].blk = emap[k[1]][k[2]]
    /\ DAX => \A k \in DOMAIN pte :
          ~InWindow(k[1]) => pte[k].target = emap[k[1]][k[2]]

(* NoExposure: the donor's stale content is never visible through any     *)
(* file.                                                                  *)
NoExposure == \A f \in Files, lb \in LBs : ReadView(f, lb) # Garbage

(* LockOrder: within each lock class a defrag holds the lock of the       *)
(* higher-address inode only together with the lower one (ordered         *)
(* acquisition, lock_two_nondirectories / filemap_invalidate_lock_two).   *)
InAddressOrder(d) == IF Address(Orig(d)) < Address(Donor(d))
                     THEN <<Orig(d), Donor(d)>> ELSE <<Donor(d), Orig(d)>>
LockOrder ==
    \A d \in DefragIds, lock \in {rwsem, ilock} :
        lock[InAddressOrder(d)[2]] = d => lock[InAddressOrder(d)[1]] = d

-----------------------------------------------------------------------------
(***************************************************************************)
(* Liveness. Fairness assumptions, each justified by the kernel:          *)
(*  - WF of DioComplete: a submitted bio completes (the device answers;   *)
(*    an I/O error completes it too). Without it inode_dio_wait can wait  *)
(*    forever.                                                            *)
(*  - WF of Writeback: the flusher threads eventually write dirty pages.  *)
(*  - WF of each defrag's steps: the ioctl's thread keeps running once a  *)
(*    step is enabled (it is not killed mid-way; -EINTR is not modelled). *)
(* Writers get no fairness: they may stop issuing writes at any time.      *)
(***************************************************************************)
Fairness ==
    /\ \A d \in DefragIds : WF_vars(DefragStep(d))
    /\ WF_vars(\E r \in dio : DioComplete(r))
    /\ WF_vars(\E k \in DOMAIN cache : Writeback(k))

LiveSpec == Spec /\ Fairness

(* The drain terminates: a defrag waiting in inode_dio_wait moves on.     *)
DrainTerminates == \A d \in DefragIds : step[d] = "DrainDio" ~> step[d] # "DrainDio"

(* The defrag completes: every defrag eventually reaches Done.            *)
DefragCompletes == \A d \in DefragIds : <>(step[d] = "Done")

=============================================================================
