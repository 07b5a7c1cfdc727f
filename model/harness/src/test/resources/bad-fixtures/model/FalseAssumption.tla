---- MODULE FalseAssumption ----
(* Test fixture: an ASSUME that does not hold for the cfg's constants. *)
EXTENDS Naturals
CONSTANT N
ASSUME N > 3
VARIABLE x
Init == x = N
Next == UNCHANGED x
====
