---- MODULE UnknownInvariant ----
(* Test fixture: its cfg checks an invariant the spec does not define. *)
EXTENDS Blocks
====
