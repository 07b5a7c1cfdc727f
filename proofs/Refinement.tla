----------------------------- MODULE Refinement -----------------------------
(***************************************************************************)
(* The refinement mapping from the defrag system to PlainFile: the        *)
(* abstract contents of <<f, lb>> are what a read returns now (ReadView:  *)
(* the unwritten extent, the cached page or the block, as the mode says). *)
(* The users' files are the origs (the donor is e4defrag's private        *)
(* scratch file). Spec => AbstractSpec says: every step either is a write *)
(* of one block with a write number or leaves every read unchanged; in    *)
(* particular no defrag step changes what a reader of the orig sees.      *)
(***************************************************************************)
EXTENDS DefragProperties

UserData == Origs \X LBs

File == INSTANCE PlainFile WITH
            Data     <- UserData,
            Written  <- WriteNums,
            Initial  <- Zero,
            contents <- [k \in UserData |-> ReadView(k[1], k[2])]

AbstractSpec == File!Spec
=============================================================================
