----------------------------- MODULE PlainFile -----------------------------
(***************************************************************************)
(* What users of the files see: a file is a function from logical blocks  *)
(* to values and a write is one atomic step that sets one block. There is *)
(* no defrag here: a correct defrag is invisible (it refines stuttering).  *)
(***************************************************************************)
CONSTANTS
    Data,       \* the <<file, lblock>> pairs users read and write
    Written,    \* the values a write may store
    Initial     \* the value every block holds initially

VARIABLE contents   \* <<file, lblock>> -> value

Init == contents = [k \in Data |-> Initial]

Write(k, v) == contents' = [contents EXCEPT ![k] = v]

Next == \E k \in Data, v \in Written : Write(k, v)

Spec == Init /\ [][Next]_contents
=============================================================================
