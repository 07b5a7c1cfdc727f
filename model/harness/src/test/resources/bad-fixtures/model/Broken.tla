---- MODULE Broken ----
(* Test fixture: a module that does not parse (a conjunct without its right operand). *)
EXTENDS Naturals
VARIABLE x
Init == x = 0 /\
Next == x' = x + 1
====
