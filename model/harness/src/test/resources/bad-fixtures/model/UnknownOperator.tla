---- MODULE UnknownOperator ----
(* Test fixture: parses, but Next uses an operator nobody defined. *)
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = Successor(x)
====
