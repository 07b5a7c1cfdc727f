---- MODULE MissingConfig ----
(* Test fixture: its cfg file does not exist. *)
EXTENDS Blocks
====
