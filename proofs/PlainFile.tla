----------------------------- MODULE PlainFile -----------------------------
(***************************************************************************)
(* What users of the files see: a file is a function from logical blocks  *)
(* to values, and every write has an identity, its number in issue order. *)
(* A write is issued and acknowledged in one step (buffered, DAX, a store) *)
(* or issued now and completed later (a direct write); only the write the *)
(* user issued can appear, so a block that goes back to an older write,   *)
(* or a completed write that never shows, is no behaviour of this spec.   *)
(* There is no defrag: a correct defrag is invisible.                     *)
(***************************************************************************)
EXTENDS Naturals

CONSTANTS
    Data,       \* the <<file, lblock>> pairs users read and write
    MaxWrites,  \* writes issued per behaviour
    Initial     \* the value every block holds initially

VARIABLES
    contents,   \* <<file, lblock>> -> the value a read returns
    pending,    \* set of <<key, write>>: issued, not yet completed
    issued      \* writes issued so far (to any file); the next is issued + 1

vars == <<contents, pending, issued>>

Init == /\ contents = [k \in Data |-> Initial]
        /\ pending = {}
        /\ issued = 0

Fresh == issued < MaxWrites /\ issued' = issued + 1

(* A write issued and acknowledged in one step sets its block.            *)
Write(k) == Fresh /\ contents' = [contents EXCEPT ![k] = issued'] /\ UNCHANGED pending

(* A direct write is issued: it may complete later.                       *)
Issue(k) == Fresh /\ pending' = pending \cup {<<k, issued'>>} /\ UNCHANGED contents

(* An issued write completes: reads return it.                            *)
Complete(k, w) == /\ <<k, w>> \in pending
                  /\ contents' = [contents EXCEPT ![k] = w]
                  /\ pending' = pending \ {<<k, w>>}
                  /\ UNCHANGED issued

(* A write to a file outside Data (a donor, another user's file) uses a   *)
(* number too.                                                             *)
WriteElsewhere == Fresh /\ UNCHANGED <<contents, pending>>

Next == \/ \E k \in Data : Write(k) \/ Issue(k) \/ \E w \in 1..MaxWrites : Complete(k, w)
        \/ WriteElsewhere

Spec == Init /\ [][Next]_vars
=============================================================================
