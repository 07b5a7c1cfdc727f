---------------------------- MODULE FileViewCrash ----------------------------
(***************************************************************************)
(* The refinement mapping from DecsCrash.tla to PlainFileCrash: while the  *)
(* system is up the contents are FileView's (the last acknowledged write,  *)
(* or a wrong value a reader can see); between the crash and the recovery, *)
(* when nobody can read, the last acknowledged writes, so the crash itself *)
(* is invisible and the recovery is the abstract Crash. The floor and the  *)
(* writes since are the ghosts floor and since. Spec => AbstractSpec says: *)
(* every step is the issue, completion or write of the write the user      *)
(* issued, an fsync, a crash that keeps each block at its floor or a later *)
(* write, or invisible; no defrag or journal step changes what a reader    *)
(* sees, and no recovery shows a mix, Garbage, or less than fsync promised. *)
(***************************************************************************)
EXTENDS DecsCrash

V == INSTANCE FileView

File == INSTANCE PlainFileCrash WITH
            Data     <- V!UserData,
            Initial  <- Zero,
            contents <- [k \in V!UserData |-> IF up THEN V!Seen(k) ELSE lastWrite[k]],
            synced   <- [k \in V!UserData |-> floor[k]],
            pending  <- [k \in V!UserData |-> since[k]],
            inflight <- {<<<<r.file, r.lblock>>, r.val>> : r \in {x \in dio : <<x.file, x.lblock>> \in V!UserData}},
            issued   <- issued

AbstractSpec == File!Spec
=============================================================================
