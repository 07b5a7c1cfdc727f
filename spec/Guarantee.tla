------------------------------ MODULE Guarantee ------------------------------
(***************************************************************************)
(* What a user of the files may observe, whatever the defrag protocol: a   *)
(* file behaves like a plain file. These user-level invariants are the     *)
(* verdict of every model:                                                 *)
(*   Integrity   every read that can run now returns the last              *)
(*               acknowledged write of its block or a write in flight, and *)
(*               so does an in-flight direct read at every moment;         *)
(*   NoExposure  no read ever returns a fallocated block's stale content.  *)
(* A read that blocks (its lock is held by a defrag) returns nothing, so   *)
(* nothing is demanded of it until it can run (Environment.tla, Readable). *)
(* The stronger statement, that the files refine a plain file in which     *)
(* each write is the one the user issued, is proofs/Refinement.tla.        *)
(*                                                                         *)
(* The structural invariants below name the cause of a violation; models   *)
(* whose name ends in "Cause" check them (TLC stops at the first violated  *)
(* invariant, so they are checked apart from the verdict).                 *)
(***************************************************************************)
EXTENDS Environment

Integrity ==
    /\ \A f \in UserFiles, lb \in LBs : Readable(f, lb) \subseteq Acceptable(<<f, lb>>)
    /\ \A r \in dior : disk[r.blk] \in r.ok

NoExposure == \A f \in Files, lb \in LBs : Garbage \notin Readable(f, lb)

-----------------------------------------------------------------------------
(* Diagnostics.                                                            *)

(* Conservation: blocks are exchanged, never duplicated or lost.           *)
Conservation ==
    /\ \A k1, k2 \in Keys : k1 # k2 => emap[k1[1]][k1[2]] # emap[k2[1]][k2[2]]
    /\ {emap[k[1]][k[2]] : k \in Keys} = Blocks

(* Quiescence: every in-flight direct I/O still targets the block its file *)
(* maps at that lblock: no map changes under direct I/O.                   *)
Quiescence == \A r \in dio \cup dior : emap[r.file][r.lblock] = r.blk

(* A defrag's locked window on f: while it holds one of f's locks.         *)
InWindow(f) == rwsem[f] # None \/ ilock[f] # None

(* NoStaleMapping: outside a locked window, no cached page's buffer        *)
(* mapping and no DAX mapping targets a block its file does not map there  *)
(* (writeback or a store would hit another file's block).                  *)
NoStaleMapping ==
    /\ \A k \in DOMAIN cache : ~InWindow(k[1]) => cache[k].blk = emap[k[1]][k[2]]
    /\ DAX => \A k \in DOMAIN pte : ~InWindow(k[1]) => pte[k].target = emap[k[1]][k[2]]

(* LockOrder: within each lock class a defrag holds the lock of the        *)
(* higher-address inode only together with the lower one                   *)
(* (lock_two_nondirectories, filemap_invalidate_lock_two).                 *)
LockOrder ==
    \A d \in DefragIds, lock \in {rwsem, ilock} :
        lock[InAddressOrder(d)[2]] = d => lock[InAddressOrder(d)[1]] = d
=============================================================================
