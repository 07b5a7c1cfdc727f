--------------------------- MODULE PlainFileCrash ---------------------------
(***************************************************************************)
(* What users of the files see when the power may fail: PlainFile plus    *)
(* fsync and crash-with-recovery, as POSIX promises them. Writes keep     *)
(* their identity (their number in issue order). fsync makes the file's   *)
(* current contents the floor a crash cannot go below; a crash (with its  *)
(* recovery) sets each block to its floor or to a write issued since; the *)
(* writes in flight are gone. There is no defrag: a correct defrag is     *)
(* invisible, also across a crash.                                        *)
(***************************************************************************)
EXTENDS Naturals

CONSTANTS
    Data,       \* the <<file, lblock>> pairs users read and write
    MaxWrites,  \* writes issued per behaviour
    Initial     \* the value every block holds initially

VARIABLES
    contents,   \* <<file, lblock>> -> the value a read returns
    synced,     \* <<file, lblock>> -> the value the last fsync made durable
    pending,    \* <<file, lblock>> -> writes issued since that fsync
    inflight,   \* set of <<key, write>>: issued, not yet completed
    issued      \* writes issued so far (to any file)

vars == <<contents, synced, pending, inflight, issued>>

Init == /\ contents = [k \in Data |-> Initial]
        /\ synced = contents
        /\ pending = [k \in Data |-> {}]
        /\ inflight = {}
        /\ issued = 0

Fresh == issued < MaxWrites /\ issued' = issued + 1

(* A write issued and acknowledged in one step.                            *)
Write(k) == /\ Fresh
            /\ contents' = [contents EXCEPT ![k] = issued']
            /\ pending' = [pending EXCEPT ![k] = @ \cup {issued'}]
            /\ UNCHANGED <<synced, inflight>>

(* A direct write is issued: it may reach the disk from now on.            *)
Issue(k) == /\ Fresh
            /\ pending' = [pending EXCEPT ![k] = @ \cup {issued'}]
            /\ inflight' = inflight \cup {<<k, issued'>>}
            /\ UNCHANGED <<contents, synced>>

(* An issued write completes: reads return it.                             *)
Complete(k, w) == /\ <<k, w>> \in inflight
                  /\ contents' = [contents EXCEPT ![k] = w]
                  /\ inflight' = inflight \ {<<k, w>>}
                  /\ UNCHANGED <<synced, pending, issued>>

WriteElsewhere == Fresh /\ UNCHANGED <<contents, synced, pending, inflight>>

(* fsync of the blocks ks: their contents become the floor; of the writes  *)
(* issued before, only those still in flight may yet land.                 *)
Sync(ks) == /\ synced' = [k \in Data |-> IF k \in ks THEN contents[k] ELSE synced[k]]
            /\ pending' = [k \in Data |-> IF k \in ks THEN {w \in pending[k] : <<k, w>> \in inflight}
                                                      ELSE pending[k]]
            /\ UNCHANGED <<contents, inflight, issued>>

(* Power loss (and recovery): each block is its floor or a write since.    *)
Crash == /\ \A k \in Data : contents'[k] \in {synced[k]} \cup pending[k]
         /\ contents' \in [Data -> UNION {{synced[k]} \cup pending[k] : k \in Data}]
         /\ inflight' = {}
         /\ UNCHANGED <<synced, pending, issued>>

Next == \/ \E k \in Data : Write(k) \/ Issue(k) \/ \E w \in 1..MaxWrites : Complete(k, w)
        \/ WriteElsewhere
        \/ \E ks \in SUBSET Data : Sync(ks)
        \/ Crash

Spec == Init /\ [][Next]_vars
=============================================================================
