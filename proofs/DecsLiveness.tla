---------------------------- MODULE DecsLiveness ----------------------------
(***************************************************************************)
(* Liveness of drain-evict-copy-swap beyond Decs.tla's DrainTerminates and *)
(* DefragCompletes, and the fairness without which the drain may wait      *)
(* forever.                                                                *)
(***************************************************************************)
EXTENDS Decs

(* No user waits forever once the defrags have released their locks: the  *)
(* locks every user needs (i_rwsem for writes and direct reads, the        *)
(* invalidate lock for faults and cache fills) are eventually free for     *)
(* good.                                                                   *)
UsersUnblocked == \A f \in UserFiles : <>[](rwsem[f] = None /\ ilock[f] = None)

(* LiveSpec without fairness of the direct I/O completions: a bio may stay *)
(* in flight forever (a hung device).                                      *)
SpecWithoutDioCompletion ==
    /\ Spec
    /\ WF_vars(\E k \in DOMAIN cache : Writeback(k))
    /\ \A d \in DefragIds : WF_vars(DefragStep(d))

THEOREM LiveSpec => UsersUnblocked
=============================================================================
