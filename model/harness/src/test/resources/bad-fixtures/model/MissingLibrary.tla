---- MODULE MissingLibrary ----
(* Test fixture: extends a module that exists nowhere. *)
EXTENDS NoSuchModule
====
