-------------------------- MODULE RefinementCrash --------------------------
(***************************************************************************)
(* The refinement mapping from the crash spec (DefragCrash.tla) to        *)
(* PlainFileCrash: while the system is up the contents are what a read    *)
(* returns (ReadView); between the crash and the recovery, when nobody can *)
(* read, they are the last completed writes (what readers saw just before *)
(* the power failed), so the crash itself is invisible and the recovery   *)
(* is the abstract Crash. The floor and the writes since are the ghost    *)
(* variables floor and since. CSpec => AbstractSpec says: every step is a  *)
(* write, an issue, a completion, an fsync, a crash that keeps each block *)
(* at its floor or a later write, or invisible to every reader of the     *)
(* orig; in particular no defrag or journal step changes what a reader    *)
(* sees, and no recovery shows a mix, Garbage, or less than fsync promised. *)
(***************************************************************************)
EXTENDS DefragCrash

UserData == Origs \X LBs

File == INSTANCE PlainFileCrash WITH
            Data     <- UserData,
            Written  <- WriteNums,
            Initial  <- Zero,
            contents <- [k \in UserData |-> IF up THEN ReadView(k[1], k[2]) ELSE lastWrite[k]],
            synced   <- [k \in UserData |-> floor[k]],
            pending  <- [k \in UserData |-> since[k]]

AbstractSpec == File!Spec
=============================================================================
