------------------------------ MODULE Blocks ------------------------------
(* Test fixture, not part of the defrag spec: a file of LBlocks logical    *)
(* blocks is copied to a donor's blocks and the two maps are swapped,      *)
(* while a writer keeps writing. With LockedCopy the writer is kept out    *)
(* between the copy and the swap; without it a write lands on the old      *)
(* block after the copy and is lost by the swap (Integrity fails).         *)
EXTENDS Naturals

CONSTANTS LBlocks, MaxWrites, LockedCopy

VARIABLES disk, map, last, pc, writes
vars == <<disk, map, last, pc, writes>>

Blocks == 1..(2 * LBlocks)
Other(b) == IF b > LBlocks THEN b - LBlocks ELSE b + LBlocks

Init == /\ disk = [b \in Blocks |-> 0]
        /\ map = [lb \in 1..LBlocks |-> lb]
        /\ last = [lb \in 1..LBlocks |-> 0]
        /\ pc = "idle"
        /\ writes = 0

Write(lb) == /\ writes < MaxWrites
             /\ LockedCopy => pc = "idle"
             /\ writes' = writes + 1
             /\ disk' = [disk EXCEPT ![map[lb]] = writes + 1]
             /\ last' = [last EXCEPT ![lb] = writes + 1]
             /\ UNCHANGED <<map, pc>>

Copy == /\ pc = "idle"
        /\ disk' = [b \in Blocks |-> IF \E lb \in 1..LBlocks : Other(map[lb]) = b
                                     THEN disk[Other(b)] ELSE disk[b]]
        /\ pc' = "copied"
        /\ UNCHANGED <<map, last, writes>>

Swap == /\ pc = "copied"
        /\ map' = [lb \in 1..LBlocks |-> Other(map[lb])]
        /\ pc' = "idle"
        /\ UNCHANGED <<disk, last, writes>>

Next == (\E lb \in 1..LBlocks : Write(lb)) \/ Copy \/ Swap
Spec == Init /\ [][Next]_vars

TypeOK == /\ disk \in [Blocks -> 0..MaxWrites]
          /\ pc \in {"idle", "copied"}
Integrity == \A lb \in 1..LBlocks : disk[map[lb]] = last[lb]
============================================================================
