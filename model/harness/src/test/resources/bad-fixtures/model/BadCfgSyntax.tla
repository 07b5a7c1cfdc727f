---- MODULE BadCfgSyntax ----
(* Test fixture: its cfg does not parse. *)
EXTENDS Blocks
====
