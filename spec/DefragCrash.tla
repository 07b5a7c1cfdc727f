----------------------------- MODULE DefragCrash ------------------------------
(***************************************************************************)
(* Crashes and a journaled extent swap for drain-evict-copy-swap.          *)
(*                                                                         *)
(* Defrag.tla keeps the durable state (disk, emap, unwritten) apart from   *)
(* the volatile state; this module adds what a crash needs and changes     *)
(* no definition of Defrag.tla (its models keep their state spaces):       *)
(*                                                                         *)
(*  The device has a volatile write cache. `disk` is what the device       *)
(*  returns now; `durable` is what survives power loss. A device flush     *)
(*  (blkdev_issue_flush, REQ_PREFLUSH) copies disk into durable. A crash   *)
(*  keeps per block either the durable value or any later write to it      *)
(*  that reached the device (the newest, or an in-flight direct write):    *)
(*  a write-back cache may persist any subset of the unflushed writes, so  *)
(*  a missing flush is found (a prefix-only replay would miss it).         *)
(*  Omitted: a block written twice between flushes may also come back with *)
(*  the intermediate value; every property below treats that value like    *)
(*  the newest one (both are writes since the last fsync).                 *)
(*                                                                         *)
(*  `emap` now means the committed extent maps: the home maps on the       *)
(*  device (`home`, the extent tree as checkpointed in place) with the     *)
(*  committed journal records applied. Recovery rebuilds emap from home    *)
(*  and the durable journal; the running system uses emap.                 *)
(*                                                                         *)
(*  The journal (ext4: jbd2; XFS: the XMI/XMD intent items) holds at most  *)
(*  one record per defrag, as written to the device (`jlog`) and as        *)
(*  durable (`jdurable`); None = no record. A record names the NEW maps of *)
(*  the orig and the donor (absolute physical blocks, so replaying it      *)
(*  twice is harmless) and the keys that become unwritten. Its kind is     *)
(*  "intent" (logged, not committed) or "commit" (the commit record is     *)
(*  durable: written REQ_FUA).                                             *)
(*                                                                         *)
(* The swap step of DECS (step[d] = "SwapExtents") becomes, while step     *)
(* stays "SwapExtents" (the journal tells the sub-step):                   *)
(*   LogIntent   the intent record is written (device cache only);         *)
(*   CommitSwap  REQ_PREFLUSH (everything written so far, in particular    *)
(*               the copied data and the intent, becomes durable), then    *)
(*               the commit record with REQ_FUA; the maps switch (emap)    *)
(*               and the defrag moves on to Unlock;                        *)
(*   Checkpoint  later, in the background (jbd2 checkpoint; XFS: the       *)
(*               XMD): the new maps are written home and the record freed. *)
(* A crash loses the volatile state (cache, ptes, in-flight direct I/O,    *)
(* locks; the defrag's ioctl is gone: step = "Done") and keeps per block   *)
(* and per journal record either the durable or the device's value.        *)
(* Recovery replays the journal: a committed record is applied (home :=    *)
(* its maps), an uncommitted one discarded, the journal emptied.           *)
(*                                                                         *)
(* Ghost state for durability (what a crash may legitimately lose):        *)
(*   floor[k]  the value a crash must not lose: the last completed write   *)
(*             of k when its file was last fsynced (Zero initially).       *)
(*   since[k]  the writes of k issued after that fsync (completed or still *)
(*             in flight at it): a crash may keep any of them, or none.    *)
(* A completed but unfsynced write may be lost; a write in flight may or   *)
(* may not land. After recovery every block of an orig must read floor or  *)
(* a write in since (DurableIntegrity), never Garbage (NoExposure), and    *)
(* the orig's range maps all old or all new blocks (SwapAtomic). Recovery  *)
(* then redefines lastWrite as what it recovered, so that Integrity keeps  *)
(* saying "reads return the last completed write" for later steps; floor   *)
(* and since stay, so a later crash is judged against the same promises.   *)
(*                                                                         *)
(* Ablations (CrashOmit): "barrier" commits without REQ_PREFLUSH (the copy *)
(* may not be durable when the commit is); "intent" swaps without a        *)
(* journal, one block per step, each durable in place with its own flush   *)
(* (ext4's per-page transactions); "replay" recovers from the home maps    *)
(* only, ignoring the journal.                                             *)
(*                                                                         *)
(* What an implementation must do to conform (device writes and flushes,   *)
(* in this order): copy the orig's blocks to the donor's (direct writes);  *)
(* write the intent record [orig's new map, donor's new map, the donor     *)
(* keys to mark unwritten]; flush (the barrier); write the commit record   *)
(* and flush it (FUA); switch the in-memory maps; unlock. Checkpoint, at   *)
(* any later time: write the new maps home, flush, free the record, flush. *)
(* Recovery at open: a record whose commit is valid is written home (its   *)
(* maps are absolute), flushed, and freed; an intent without a valid       *)
(* commit is freed. fsync: write back the file's dirty pages, then flush.  *)
(*                                                                         *)
(* Scope: one DECS defrag (SwapAtomic compares with the initial maps), at  *)
(* most MaxCrashes crashes; recovery is one atomic step (replaying is      *)
(* idempotent, so a crash during recovery is a crash before it); the       *)
(* unwritten flags are durable at once (in these models only the donor is  *)
(* unwritten, before and after the swap).                                  *)
(***************************************************************************)
EXTENDS DefragProperties

CONSTANTS
    CrashOmit,      \* subset of {"barrier", "intent", "replay"}
    MaxCrashes,     \* crashes per behaviour
    Syncs           \* BOOLEAN: writers call fsync on the origs

ASSUME /\ Protocol = "decs" /\ Len(Defrags) = 1
       /\ CrashOmit \subseteq {"barrier", "intent", "replay"}
       /\ MaxCrashes \in Nat /\ Syncs \in BOOLEAN

VARIABLES
    durable,    \* durable state: physical block -> value that survives power loss
    home,       \* durable state: file -> (lblock -> block), the maps written in place
    jlog,       \* the journal as the device returns it: defrag id -> record or None
    jdurable,   \* the journal as it survives power loss
    up,         \* volatile: FALSE from a crash until recovery
    floor,      \* ghost: <<file, lblock>> -> the value an fsync made durable
    since,      \* ghost: <<file, lblock>> -> writes issued after that fsync
    crashes     \* ghost: crashes so far

crashVars == <<durable, home, jlog, jdurable, up, floor, since, crashes>>
allVars   == <<vars, crashVars>>

Record == [kind : {"intent", "commit"}, orig : [LBs -> Blocks], donor : [LBs -> Blocks],
           unwritten : SUBSET Keys]
InitMaps == [f \in Files |-> [lb \in LBs |-> (Address(f) - 1) * LBlocks + lb]]

CInit ==
    /\ Init
    /\ durable = disk
    /\ home = emap
    /\ jlog = [d \in DefragIds |-> None]
    /\ jdurable = jlog
    /\ up = TRUE
    /\ floor = lastWrite
    /\ since = [k \in Keys |-> {}]
    /\ crashes = 0

-----------------------------------------------------------------------------
(***************************************************************************)
(* Writers and the DECS steps of Defrag.tla run while the system is up.    *)
(* A write issued to k (the next write number) joins since[k].             *)
(***************************************************************************)
IssuedTo(k) == since' = [since EXCEPT ![k] = @ \cup {issued'}]
Unchanged(v) == UNCHANGED <<durable, home, jlog, jdurable, up, floor, crashes, v>>

CWriterStep ==
    \/ \E f \in Files, lb \in LBs :
          \/ (BufferedWrite(f, lb) \/ DioSubmit(f, lb) \/ MmapStore(f, lb))
                /\ IssuedTo(<<f, lb>>) /\ Unchanged(<<>>)
          \/ (MmapFault(f, lb) \/ ReadFill(f, lb)) /\ Unchanged(since)
    \/ \E r \in dio : DioComplete(r) /\ Unchanged(since)
    \/ \E k \in DOMAIN cache : Writeback(k) /\ Unchanged(since)

(* ext4_sync_file on file f (no inode lock): file_write_and_wait_range     *)
(* writes back f's dirty pages and write-protects their mappings, then     *)
(* blkdev_issue_flush (via the jbd2 commit) makes everything the device    *)
(* holds durable, blocks and journal alike. Each block of f is now safe at *)
(* its last completed write; direct writes in flight are not waited for.   *)
(* (A swap handle open at this point is not committed by it: an intent     *)
(* made durable here is still discarded by recovery.)                      *)
Fsync(f) ==
    LET fks   == KeysOf({f})
        dirty == IF DAX THEN {} ELSE {k \in fks \cap DOMAIN cache : cache[k].dirty}
        newDisk == [b \in Blocks |->
                      IF \E k \in dirty : cache[k].blk = b
                      THEN cache[CHOOSE k \in dirty : cache[k].blk = b].val
                      ELSE disk[b]]
    IN /\ Syncs /\ f \in Origs
       /\ disk' = newDisk
       /\ durable' = newDisk
       /\ jdurable' = jlog
       /\ cache' = [k \in DOMAIN cache |->
                      IF k \in dirty THEN [cache[k] EXCEPT !.dirty = FALSE] ELSE cache[k]]
       /\ pte' = [k \in DOMAIN pte |->
                      IF k \in dirty THEN [pte[k] EXCEPT !.writable = FALSE] ELSE pte[k]]
       /\ floor' = [k \in Keys |-> IF k \in fks THEN lastWrite[k] ELSE floor[k]]
       /\ since' = [k \in Keys |->
                      IF k \in fks THEN {r.val : r \in {x \in dio : <<x.file, x.lblock>> = k}}
                      ELSE since[k]]
       /\ UNCHANGED <<emap, unwritten, dio, rwsem, ilock, step, cursor, ghostVars,
                      home, jlog, up, crashes>>

-----------------------------------------------------------------------------
(***************************************************************************)
(* The journaled swap (step[d] = "SwapExtents").                           *)
(***************************************************************************)
(* jbd2_journal_start and the swap's metadata in the handle                *)
(* (ext4_swap_extents); XFS: the XMI of xfs_exchange_mappings. The record  *)
(* is written to the journal, i.e. to the device cache: not durable yet.   *)
LogIntent(d) ==
    /\ "intent" \notin CrashOmit
    /\ step[d] = "SwapExtents" /\ jlog[d] = None
    /\ jlog' = [jlog EXCEPT ![d] = [kind |-> "intent", orig |-> emap[Donor(d)],
                                    donor |-> emap[Orig(d)], unwritten |-> {Donor(d)} \X LBs]]
    /\ UNCHANGED <<vars, durable, home, jdurable, up, floor, since, crashes>>

(* jbd2_journal_stop + the jbd2 commit (jbd2_journal_commit_transaction):  *)
(* the commit block is submitted REQ_PREFLUSH | REQ_FUA. The preflush      *)
(* (blkdev_issue_flush) is the write barrier: the copied data and the      *)
(* intent are durable before the commit record is. Without it ("barrier")  *)
(* only the commit record (FUA) is durable. The committed maps switch      *)
(* (SwapRange: the donor's range becomes unwritten) and the defrag moves   *)
(* on to Unlock.                                                           *)
CommitSwap(d) ==
    LET committed == [jlog[d] EXCEPT !.kind = "commit"]
    IN /\ step[d] = "SwapExtents" /\ jlog[d] # None /\ jlog[d].kind = "intent"
       /\ jlog' = [jlog EXCEPT ![d] = committed]
       /\ IF "barrier" \in CrashOmit
            THEN /\ jdurable' = [jdurable EXCEPT ![d] = committed]
                 /\ UNCHANGED durable
            ELSE /\ jdurable' = jlog'
                 /\ durable' = disk
       /\ SwapRange(d, LBs)
       /\ Advance(d)
       /\ UNCHANGED <<disk, cache, pte, dio, rwsem, ilock, cursor, issued,
                      home, up, floor, since, crashes>>

(* jbd2 checkpoint (jbd2_log_do_checkpoint, then the journal tail moves    *)
(* past the transaction); XFS: the XMD that completes the XMI. The new     *)
(* maps are written home, flushed, and the record freed. One step: a crash *)
(* in between finds the record still committed and replays it, which is    *)
(* harmless since the record holds absolute maps.                          *)
Checkpoint(d) ==
    /\ jlog[d] # None /\ jlog[d].kind = "commit"
    /\ home' = [home EXCEPT ![Orig(d)] = jlog[d].orig, ![Donor(d)] = jlog[d].donor]
    /\ jlog' = [jlog EXCEPT ![d] = None]
    /\ jdurable' = [jdurable EXCEPT ![d] = None]
    /\ UNCHANGED <<vars, durable, up, floor, since, crashes>>

(* Ablation "intent": no journal record; ext4's per-page transactions      *)
(* instead: swap lblock cursor[d] in place, its own commit flushing the    *)
(* device first. Each piece is durable and consistent; the range is not.   *)
SwapPiece(d) ==
    LET lb == cursor[d]
    IN /\ "intent" \in CrashOmit
       /\ step[d] = "SwapExtents"
       /\ durable' = disk
       /\ SwapRange(d, {lb})
       /\ home' = emap'
       /\ cursor' = [cursor EXCEPT ![d] = lb + 1]
       /\ IF lb = LBlocks THEN Advance(d) ELSE UNCHANGED step
       /\ UNCHANGED <<disk, cache, pte, dio, rwsem, ilock, issued,
                      jlog, jdurable, up, floor, since, crashes>>

(* The DECS steps of Defrag.tla but SwapExtents, and the journaled swap.   *)
CDefragStep(d) ==
    \/ (\/ LockInodes(d) \/ LockInvalidate(d) \/ DrainDio(d) \/ FlushCache(d)
        \/ EvictCache(d) \/ CopyData(d) \/ Unlock(d))
       /\ UNCHANGED crashVars
    \/ LogIntent(d) \/ CommitSwap(d) \/ SwapPiece(d)

-----------------------------------------------------------------------------
(***************************************************************************)
(* Crash and recovery.                                                     *)
(***************************************************************************)
(* What block b may hold after power loss: its durable value, what the     *)
(* device returns now (not yet flushed), or an in-flight direct write to   *)
(* it (the bio may have reached the device cache, or not).                 *)
Survivors(b) == {durable[b], disk[b]} \cup {r.val : r \in {x \in dio : x.blk = b}}
CrashImages  == {img \in [Blocks -> UNION {Survivors(b) : b \in Blocks}] :
                    \A b \in Blocks : img[b] \in Survivors(b)}
JournalImages == {j \in [DefragIds -> UNION {{jdurable[d], jlog[d]} : d \in DefragIds}] :
                    \A d \in DefragIds : j[d] \in {jdurable[d], jlog[d]}}

(* Power loss at any point (what xfstests' godown, EXT4_IOC_SHUTDOWN with  *)
(* NOLOGFLUSH, and a dm-log-writes replay imitate). The device keeps, per  *)
(* block and per journal record, either the durable or the unflushed       *)
(* value; from now on it returns exactly that. Every volatile variable is  *)
(* lost (back to its initial value); the defrag's ioctl is gone (Done).    *)
Crash ==
    /\ up /\ crashes < MaxCrashes
    /\ \E img \in CrashImages : disk' = img /\ durable' = img
    /\ \E j \in JournalImages : jlog' = j /\ jdurable' = j
    /\ up' = FALSE
    /\ cache' = [k \in {} |-> None]
    /\ pte' = [k \in {} |-> None]
    /\ dio' = {}
    /\ rwsem' = [f \in Files |-> None]
    /\ ilock' = [f \in Files |-> None]
    /\ step' = [d \in DefragIds |-> "Done"]
    /\ cursor' = [d \in DefragIds |-> 1]
    /\ crashes' = crashes + 1
    /\ UNCHANGED <<emap, unwritten, ghostVars, home, floor, since>>

(* Mount-time journal recovery (ext4: jbd2_journal_recover, replaying      *)
(* committed transactions only; XFS: xlog_recover, then                    *)
(* xfs_exchmaps_recover_work finishing a committed XMI). A committed       *)
(* record is applied; an uncommitted one is discarded; the result is       *)
(* written home and the journal emptied. Ablation "replay": the home maps  *)
(* are taken as they are. lastWrite becomes what a reader now sees.        *)
Recovered ==
    IF "replay" \in CrashOmit THEN home
    ELSE [f \in Files |->
            IF \E d \in DefragIds : jdurable[d] # None /\ jdurable[d].kind = "commit"
                                    /\ f \in Pair(d)
            THEN LET d == CHOOSE d \in DefragIds :
                             jdurable[d] # None /\ jdurable[d].kind = "commit" /\ f \in Pair(d)
                 IN IF f = Orig(d) THEN jdurable[d].orig ELSE jdurable[d].donor
            ELSE home[f]]
ReplayedUnwritten ==
    IF "replay" \in CrashOmit THEN {}
    ELSE UNION {jdurable[d].unwritten :
                  d \in {x \in DefragIds : jdurable[x] # None /\ jdurable[x].kind = "commit"}}

Recover ==
    /\ ~up
    /\ up' = TRUE
    /\ emap' = Recovered
    /\ home' = Recovered
    /\ unwritten' = unwritten \cup ReplayedUnwritten
    /\ jlog' = [d \in DefragIds |-> None]
    /\ jdurable' = jlog'
    /\ lastWrite' = [k \in Keys |-> IF k \in unwritten' THEN Zero
                                     ELSE disk[emap'[k[1]][k[2]]]]
    /\ UNCHANGED <<disk, durable, cache, pte, dio, rwsem, ilock, step, cursor, issued,
                   floor, since, crashes>>

-----------------------------------------------------------------------------
CTerminated == up /\ Terminated /\ UNCHANGED crashVars

CNext ==
    \/ up /\ \E d \in DefragIds : CDefragStep(d) \/ Checkpoint(d)
    \/ up /\ CWriterStep
    \/ up /\ \E f \in Files : Fsync(f)
    \/ Crash \/ Recover
    \/ CTerminated

CSpec == CInit /\ [][CNext]_allVars

-----------------------------------------------------------------------------
(***************************************************************************)
(* Properties. Reads only happen while the system is up.                   *)
(***************************************************************************)
CTypeOK ==
    /\ TypeOK
    /\ durable \in [Blocks -> Values]
    /\ home \in [Files -> [LBs -> Blocks]]
    /\ \A d \in DefragIds : jlog[d] \in Record \cup {None} /\ jdurable[d] \in Record \cup {None}
    /\ up \in BOOLEAN
    /\ floor \in [Keys -> Values]
    /\ since \in [Keys -> SUBSET WriteNums]
    /\ crashes \in 0..MaxCrashes

CIntegrity  == up => Integrity
CNoExposure == up => NoExposure

(* DurableIntegrity: every block of an orig reads what its last fsync made *)
(* durable or a write issued since: a crash loses only unfsynced writes.   *)
DurableIntegrity ==
    up => \A f \in Origs, lb \in LBs :
            ReadView(f, lb) \in {floor[<<f, lb>>]} \cup since[<<f, lb>>]

(* SwapAtomic: outside the defrag's locked window (a crash ends it) the    *)
(* orig's range maps all its old blocks or all the donor's former blocks:  *)
(* never a mix of old and new mappings within one request.                 *)
SwapAtomic ==
    up => \A d \in DefragIds :
            ~InWindow(Orig(d)) =>
                emap[Orig(d)] \in {InitMaps[Orig(d)], InitMaps[Donor(d)]}

(* A commit record is durable the moment it is written (REQ_FUA).          *)
CommitDurable ==
    \A d \in DefragIds : jlog[d] # None /\ jlog[d].kind = "commit" => jdurable[d] = jlog[d]

-----------------------------------------------------------------------------
(***************************************************************************)
(* Liveness. Fairness as in DefragProperties (a bio completes, the         *)
(* flusher writes dirty pages, the ioctl's thread keeps running), plus:    *)
(* the jbd2 checkpoint eventually runs (the journal must not fill up),     *)
(* and a crashed machine is eventually mounted again (recovery runs).      *)
(* Crashes, writers and fsync get no fairness: they may never happen.      *)
(***************************************************************************)
CFairness ==
    /\ \A d \in DefragIds : WF_allVars(up /\ CDefragStep(d)) /\ WF_allVars(up /\ Checkpoint(d))
    /\ WF_allVars(up /\ \E r \in dio : DioComplete(r) /\ Unchanged(since))
    /\ WF_allVars(up /\ \E k \in DOMAIN cache : Writeback(k) /\ Unchanged(since))
    /\ WF_allVars(Recover)

CLiveSpec == CSpec /\ CFairness

(* Every journal record is eventually freed: an intent is committed and    *)
(* checkpointed, or discarded by the recovery after a crash.               *)
JournalEmpties == \A d \in DefragIds : jlog[d] # None ~> jlog[d] = None

(* The defrag completes, or a crash ends it; the system is up in the end.  *)
CDefragEnds == \A d \in DefragIds : <>[](step[d] = "Done" /\ up)

=============================================================================
