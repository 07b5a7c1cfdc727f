------------------------------- MODULE IndInv -------------------------------
(***************************************************************************)
(* An inductive invariant of drain-evict-copy-swap (Decs.tla, one defrag), *)
(* with and without DAX, for users of the orig with buffered, direct and  *)
(* mmap writes and buffered reads.                                         *)
(*                                                                         *)
(* IndInv fixes, for each phase of the defrag (step[1]), what every piece *)
(* of state may be. It is written so that TLC can enumerate it directly:  *)
(* each variable is drawn from a set that depends only on the variables   *)
(* before it, then filtered. The model that checks IndInv /\ [Next]_vars  *)
(* => IndInv' uses IndInv itself as the initial predicate and so visits   *)
(* every state of the bounded type domain that satisfies it.              *)
(*                                                                         *)
(* Why it is strong enough: it pins down, per logical block of the orig,  *)
(* where the last acknowledged write lives (the page if dirty, else the   *)
(* block, and after the copy also the donor's block), that every page,    *)
(* mapping and in-flight direct write refers to the block the file maps   *)
(* now, and which of them may exist in each phase (none in flight after   *)
(* the drain, nothing dirty after the flush, nothing cached after the     *)
(* eviction). Each user or defrag step preserves exactly these facts;     *)
(* Integrity, NoExposure, Quiescence, NoStaleMapping and Conservation     *)
(* follow directly.                                                       *)
(***************************************************************************)
EXTENDS Decs

ASSUME DefragIds = {1} /\ UserFiles = {Orig(1)} /\ "direct" \notin Readers /\ Clock = "none"

O  == Orig(1)
N  == Donor(1)
pc == step[1]
OrigKeys  == {O} \X LBs
DonorKeys == {N} \X LBs

(* Phases of the defrag: the values of step[1] where a fact holds.        *)
LockedPhase  == {"LockInvalidate", "DrainDio", "FlushCache", "EvictCache",
                 "CopyData", "SwapExtents", "Unlock"}            \* both i_rwsem held
IlockPhase   == LockedPhase \ {"LockInvalidate"}                 \* both invalidate locks held
DrainedPhase == {"FlushCache", "EvictCache", "CopyData", "SwapExtents", "Unlock"}
EvictedPhase == {"CopyData", "SwapExtents", "Unlock"}
SwappedPhase == {"Unlock", "Done"}

SwappedMap == [InitialMaps EXCEPT ![O] = InitialMaps[N], ![N] = InitialMaps[O]]
Blk(k) == emap[k[1]][k[2]]

(* Lock states: nobody, only d's first lock of the class, or both.        *)
NoLocks   == [f \in Files |-> None]
FirstLock == [NoLocks EXCEPT ![LockSeq(1)[1]] = 1]
BothLocks == [f \in Files |-> IF f \in Pair(1) THEN 1 ELSE None]
LockStates(taking, holding) ==
    IF pc = taking THEN {NoLocks, FirstLock}
    ELSE IF pc \in holding THEN {BothLocks} ELSE {NoLocks}

(* Written values: each write number is used by at most one write, so it  *)
(* is either still in flight or the last write of at most one block.      *)
UsedOnce ==
    /\ \A k1, k2 \in OrigKeys : k1 # k2 /\ lastWrite[k1] \in WriteNums
                                 => lastWrite[k1] # lastWrite[k2]
    /\ \A r \in dio : \A k \in OrigKeys : r.val # lastWrite[k]
    /\ \A r1, r2 \in dio : r1 # r2 => r1.val # r2.val

Dirty(k) == k \in DOMAIN cache /\ cache[k].dirty

(* What each block may hold. The orig's block holds the last write unless *)
(* a dirty page holds it. The donor's block holds Garbage until the copy, *)
(* the orig's data between copy and swap, and anything after the swap     *)
(* (it is unwritten, so never read).                                      *)
AllowedDisk ==
    [b \in Blocks |->
        IF \E k \in OrigKeys : Blk(k) = b
        THEN LET k == CHOOSE k \in OrigKeys : Blk(k) = b
             IN IF Dirty(k) THEN Values ELSE {lastWrite[k]}
        ELSE LET lb == CHOOSE lb \in LBs : Blk(<<N, lb>>) = b
             IN IF pc \in SwappedPhase THEN Values
                ELSE IF pc = "SwapExtents" THEN {lastWrite[<<O, lb>>]}
                ELSE {Garbage}]

IndInv ==
    /\ step \in [DefragIds -> Steps]
    /\ cursor = [d \in DefragIds |-> 1]
    /\ sample = [d \in DefragIds |-> None]
    /\ ctime = [f \in Files |-> 0]
    /\ queried = [f \in Files |-> FALSE]
    /\ dior = {}
    /\ rwsem \in LockStates("LockInodes", LockedPhase)
    /\ ilock \in LockStates("LockInvalidate", IlockPhase)
    /\ emap = IF pc \in SwappedPhase THEN SwappedMap ELSE InitialMaps
    /\ unwritten = DonorKeys
    /\ issued \in 0..MaxWrites
    /\ lastWrite \in {[k \in Keys |-> IF k \in DonorKeys THEN Zero ELSE g[k]] :
                         g \in [OrigKeys -> {Zero} \cup 1..issued]}
    \* in-flight direct writes: to the orig, at the block it maps now, none
    \* after the drain (and none at all under DAX)
    /\ dio \in SUBSET {r \in Dio : r.file = O /\ r.blk = Blk(<<O, r.lblock>>)
                                   /\ r.val \in 1..issued}
    /\ (DAX \/ pc \in DrainedPhase) => dio = {}
    /\ UsedOnce
    \* cached pages: orig only, no page cache under DAX, each holds the last
    \* write and is mapped to the block its file maps now; nothing dirty
    \* after the flush, nothing cached after the eviction
    /\ cache \in UNION {{[k \in S |-> [val |-> lastWrite[k], dirty |-> dt[k], blk |-> Blk(k)]] :
                            dt \in [S -> BOOLEAN]} : S \in SUBSET OrigKeys}
    /\ DAX => DOMAIN cache = {}
    /\ pc = "EvictCache" => \A k \in DOMAIN cache : ~cache[k].dirty
    /\ pc \in EvictedPhase => DOMAIN cache = {}
    \* mappings: of cached pages (writable only while dirty, page_mkclean),
    \* or under DAX of the block the file maps now; none after the eviction
    /\ pte \in UNION {[S -> [target : IF DAX THEN Blocks ELSE {"page"}, writable : BOOLEAN]] :
                        S \in SUBSET (IF DAX THEN OrigKeys ELSE DOMAIN cache)}
    /\ \A k \in DOMAIN pte : IF DAX THEN pte[k].target = Blk(k)
                             ELSE pte[k].writable => cache[k].dirty
    /\ pc \in EvictedPhase => DOMAIN pte = {}
    \* every block holds a value allowed for it
    /\ LET allowed == AllowedDisk
       IN disk \in {g \in [Blocks -> Values] : \A b \in Blocks : g[b] \in allowed[b]}

THEOREM Spec => []IndInv
THEOREM IndInv /\ [Next]_vars => IndInv'
THEOREM IndInv => TypeOK /\ LockOrder /\ Conservation /\ Quiescence /\ NoStaleMapping
                  /\ NoExposure /\ Integrity
=============================================================================
