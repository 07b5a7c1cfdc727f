-------------------------------- MODULE Trace --------------------------------
(***************************************************************************)
(* Trace validation of the implementation (impl/) against a protocol's     *)
(* spec, in the style of Cirstea, Kuppe, Merz et al. (2024). A free,       *)
(* truly concurrent run of the implementation logs one event per step, at  *)
(* the step's linearization point and under the lock that orders it        *)
(* against every conflicting step (StepHook.java in impl/); the log is     *)
(* the constant Log. The run conforms iff some behaviour of the            *)
(* protocol's Next consumes the whole log, one event per step, each step   *)
(* the event's action with the event's parameters, reading and writing     *)
(* what the implementation read and wrote. TLC searches for it: a model    *)
(* (written per run by TraceCheck.java in conformance/) extends the        *)
(* protocol's model and this module, and its invariant TraceUnfinished is  *)
(* violated exactly when the log is consumed. A step the spec does not     *)
(* allow where the implementation took it (a write under a defrag's lock,  *)
(* a drain with direct I/O in flight, a read of stale data) leaves the     *)
(* log unconsumed. The guarantee (Integrity, NoExposure) is checked in     *)
(* every state on the way.                                                 *)
(*                                                                         *)
(* Every step the implementation takes is logged, so the search has no     *)
(* unlogged steps to find. One difference of granularity remains: the      *)
(* spec's DioComplete lands a direct write and drops its cached page in    *)
(* one step, the implementation (like the kernel's end_io and              *)
(* kiocb_invalidate_post_direct_write) drops the page, writes, and drops   *)
(* the range again. A cache fill between these reads the write still in    *)
(* flight; the completion drops that page before anyone can read it (no    *)
(* user writes the block meanwhile: Uncontended), so such a fill is no     *)
(* step of the spec, only an event (TraceFillOfLanded).                    *)
(*                                                                         *)
(* Events are records with field a (the action) and, as the action needs:  *)
(* f (a file name), lb (a logical block, 1-based), blk (a physical block,  *)
(* renamed as in the model's initial layout), v (a write number; 0 for     *)
(* Zero, -1 for Garbage, -2 for data no logged write wrote), d (a defrag   *)
(* id). Writes are numbered in log order, the spec's issued + 1.           *)
(***************************************************************************)
EXTENDS Guarantee, Integers

CONSTANT Log    \* the run's events, in the order they were logged
VARIABLE l      \* the index of the next event to match

traceVars == <<vars, l>>

E   == Log[l]
Key == <<E.f, E.lb>>
Val(x) == CASE x = 0 -> Zero [] x = -1 -> Garbage [] OTHER -> x
InFlight(k) == {r.val : r \in {x \in dio : <<x.file, x.lblock>> = k}}

(* The next event is an a; it is consumed by this step.                    *)
Logged(a) == l <= Len(Log) /\ E.a = a /\ l' = l + 1

-----------------------------------------------------------------------------
(* The environment's steps (Environment.tla), one per event.               *)

TraceBufferedWrite == Logged("BufferedWrite") /\ BufferedWrite(E.f, E.lb) /\ issued' = E.v
TraceDaxWrite      == Logged("DaxWrite") /\ DaxWrite(E.f, E.lb) /\ issued' = E.v /\ emap[E.f][E.lb] = E.blk

TraceDioSubmit ==
    /\ Logged("DioSubmit") /\ DioSubmit(E.f, E.lb) /\ issued' = E.v
    /\ [file |-> E.f, lblock |-> E.lb, blk |-> E.blk, val |-> E.v] \in dio'

TraceDioComplete ==
    /\ Logged("DioComplete")
    /\ DioComplete([file |-> E.f, lblock |-> E.lb, blk |-> E.blk, val |-> E.v])

(* A fault fills an absent page from its block; the event holds the page.  *)
TraceMmapFault == Logged("MmapFault") /\ MmapFault(E.f, E.lb) /\ cache'[Key].val = Val(E.v)
TraceDaxFault  == Logged("DaxFault") /\ DaxFault(E.f, E.lb) /\ pte'[Key].target = E.blk

TraceMmapStore == Logged("MmapStore") /\ MmapStore(E.f, E.lb) /\ issued' = E.v
TraceDaxStore  == Logged("DaxStore") /\ DaxStore(E.f, E.lb) /\ issued' = E.v /\ pte[Key].target = E.blk

(* The fill read what the block holds.                                     *)
TraceReadFill == Logged("ReadFill") /\ ReadFill(E.f, E.lb) /\ cache'[Key].val = Val(E.v)

(* The fill read a direct write in flight that has landed (see above): it  *)
(* took the shared invalidate_lock like any fill, and changes nothing a    *)
(* user can see before the write's completion drops its page.              *)
TraceFillOfLanded ==
    /\ Logged("ReadFill") /\ Val(E.v) \in InFlight(Key) /\ ilock[E.f] = None
    /\ UNCHANGED vars

(* Writeback wrote the page's value to the page's block.                   *)
TraceWriteback ==
    /\ Logged("Writeback") /\ Writeback(Key)
    /\ cache[Key].blk = E.blk /\ cache[Key].val = Val(E.v)

(* An observation, not a step: a read the rig made while no actor ran      *)
(* returned a value the spec lets a read return now.                       *)
TraceRead == Logged("Read") /\ Val(E.v) \in Readable(E.f, E.lb) /\ UNCHANGED vars

TraceEnv ==
    \/ TraceBufferedWrite \/ TraceDaxWrite \/ TraceDioSubmit \/ TraceDioComplete
    \/ TraceMmapFault \/ TraceDaxFault \/ TraceMmapStore \/ TraceDaxStore
    \/ TraceReadFill \/ TraceFillOfLanded \/ TraceWriteback \/ TraceRead

-----------------------------------------------------------------------------
(* A defrag's step, one per event: the protocol's step d takes next is the *)
(* event's action (each of its sub-actions is enabled only at its own      *)
(* step). DefragStep is the protocol module's.                             *)
TraceDefrag(DefragStep(_)) ==
    /\ l <= Len(Log) /\ "d" \in DOMAIN E
    /\ step[E.d] = E.a /\ DefragStep(E.d)
    /\ l' = l + 1

(* The log is consumed: violated by exactly the runs that conform.         *)
TraceUnfinished == l <= Len(Log)
=============================================================================
