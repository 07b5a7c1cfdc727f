------------------------------ MODULE Liveness ------------------------------
(***************************************************************************)
(* Liveness obligations beyond DefragProperties' DrainTerminates and      *)
(* DefragCompletes, and the fairness without which the drain may wait     *)
(* forever.                                                               *)
(***************************************************************************)
EXTENDS DefragProperties

(* No writer waits forever once the defrag has released its locks: the    *)
(* locks every writer needs (i_rwsem for buffered and direct writes, the  *)
(* invalidate lock for faults) are eventually free for good, so a writer  *)
(* with a write left is enabled from then on.                             *)
WritersUnblocked ==
    \A f \in Origs : <>[](rwsem[f] = None /\ ilock[f] = None)

(* Fairness as in DefragProperties, except for DIO completion: a bio may  *)
(* stay in flight forever (a hung device).                                *)
FairnessWithoutDioCompletion ==
    /\ \A d \in DefragIds : WF_vars(DefragStep(d))
    /\ WF_vars(\E k \in DOMAIN cache : Writeback(k))

SpecWithoutDioCompletion == Spec /\ FairnessWithoutDioCompletion
=============================================================================
