---- MODULE UnknownConstant ----
(* Test fixture: its cfg assigns a constant the spec does not declare. *)
EXTENDS Blocks
====
