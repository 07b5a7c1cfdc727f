------------------------------ MODULE FileView ------------------------------
(***************************************************************************)
(* The refinement mapping from any protocol over Environment.tla to       *)
(* PlainFile. The users' data are the blocks of the user files that are   *)
(* never a donor (a donor's content belongs to the defrag tool). The      *)
(* abstract contents of a block are its last acknowledged write, unless a *)
(* reader can now see something else (a read that can run returns it, or *)
(* an in-flight direct read's block holds a value that read may not       *)
(* return): then that value. Blocked                                       *)
(* readers see nothing, so nothing is demanded of them.                   *)
(*                                                                         *)
(* Spec => AbstractSpec therefore says: every concrete step is the issue, *)
(* completion or acknowledged write of the very write the user issued, or *)
(* invisible to every reader of the users' data. A defrag step that makes *)
(* a reader see an older write, Zero or Garbage is no step of PlainFile.  *)
(***************************************************************************)
EXTENDS Guarantee

UserData == (UserFiles \ Donors) \X LBs

Wrong(k) == (Readable(k[1], k[2]) \ {lastWrite[k]})
            \cup {disk[r.blk] : r \in {x \in dior : <<x.file, x.lblock>> = k /\ disk[x.blk] \notin x.ok}}
Seen(k)  == IF Wrong(k) = {} THEN lastWrite[k] ELSE CHOOSE v \in Wrong(k) : TRUE

File == INSTANCE PlainFile WITH
            Data     <- UserData,
            Initial  <- Zero,
            contents <- [k \in UserData |-> Seen(k)],
            pending  <- {<<<<r.file, r.lblock>>, r.val>> : r \in {x \in dio : <<x.file, x.lblock>> \in UserData}},
            issued   <- issued

AbstractSpec == File!Spec
=============================================================================
