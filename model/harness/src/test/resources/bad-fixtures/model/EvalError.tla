---- MODULE EvalError ----
(* Test fixture: parses, but TLC cannot evaluate Next (a number plus a string). *)
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = x + "one"
====
