--------------------------- MODULE PlainFileCrash ---------------------------
(***************************************************************************)
(* What users of the files see when the power may fail: PlainFile plus    *)
(* fsync and crash-with-recovery, as POSIX promises them. A write may      *)
(* reach the disk from the moment it is issued; fsync makes the file's    *)
(* current contents the floor a crash cannot go below; a crash (with its  *)
(* recovery, one step) sets each block to its floor or to any write       *)
(* issued since. There is no defrag here: a correct defrag is invisible,  *)
(* also across a crash.                                                   *)
(***************************************************************************)
CONSTANTS
    Data,       \* the <<file, lblock>> pairs users read and write
    Written,    \* the values a write may store
    Initial     \* the value every block holds initially

VARIABLES
    contents,   \* <<file, lblock>> -> value a read returns
    synced,     \* <<file, lblock>> -> value the last fsync made durable
    pending     \* <<file, lblock>> -> writes issued since that fsync

vars == <<contents, synced, pending>>

Init == /\ contents = [k \in Data |-> Initial]
        /\ synced = contents
        /\ pending = [k \in Data |-> {}]

(* A write issued (a direct write's submission): it may land from now on. *)
Issue(k, v) == /\ pending' = [pending EXCEPT ![k] = @ \cup {v}]
               /\ UNCHANGED <<contents, synced>>

(* An issued write completes: reads return it. *)
Complete(k) == /\ \E v \in pending[k] : contents' = [contents EXCEPT ![k] = v]
               /\ UNCHANGED <<synced, pending>>

(* A write issued and completed in one step. *)
Write(k, v) == /\ contents' = [contents EXCEPT ![k] = v]
               /\ pending' = [pending EXCEPT ![k] = @ \cup {v}]
               /\ UNCHANGED synced

(* fsync of the blocks ks: their contents become the floor; of the writes *)
(* issued before, only those still in flight may yet land.                *)
Sync(ks) == /\ synced' = [k \in Data |-> IF k \in ks THEN contents[k] ELSE synced[k]]
            /\ \A k \in Data : pending'[k] \subseteq pending[k]
            /\ \A k \in Data \ ks : pending'[k] = pending[k]
            /\ UNCHANGED contents

(* Power loss and recovery: each block is its floor or a write since.      *)
Crash == /\ \A k \in Data : contents'[k] \in {synced[k]} \cup pending[k]
         /\ UNCHANGED <<synced, pending>>

Next == \/ \E k \in Data, v \in Written : Issue(k, v) \/ Write(k, v)
        \/ \E k \in Data : Complete(k)
        \/ \E ks \in SUBSET Data : Sync(ks)
        \/ Crash

Spec == Init /\ [][Next]_vars
=============================================================================
