------------------------------ MODULE DecsCrash ------------------------------
(***************************************************************************)
(* Drain-evict-copy-swap (Decs.tla) when the power may fail: the device's  *)
(* volatile write cache, a journaled swap, fsync, crash and recovery.      *)
(*                                                                         *)
(* The device. `disk` is what the device returns now; `durable` what       *)
(* survives power loss. A flush (blkdev_issue_flush, REQ_PREFLUSH) copies  *)
(* disk into durable. A crash keeps per block the durable value, the       *)
(* newest unflushed one, or an in-flight direct write to it: a write-back  *)
(* cache may persist any subset of the unflushed writes, so a missing      *)
(* flush is found (a prefix-only replay would miss it). Omitted: a block   *)
(* written twice between flushes may also come back with the intermediate  *)
(* value; the properties treat it like the newest (both are unsynced).     *)
(*                                                                         *)
(* The maps. `emap` is the committed extent maps: the maps written home    *)
(* (`home`, the extent trees as checkpointed in place) with the committed  *)
(* journal records applied. Recovery rebuilds emap from home and the       *)
(* durable journal.                                                        *)
(*                                                                         *)
(* The journal (ext4: jbd2; XFS: the XMI/XMD intent items) holds at most   *)
(* one record per defrag, as written (`jlog`) and as durable (`jdurable`). *)
(* A record names the NEW maps of orig and donor (absolute blocks, so      *)
(* replaying it twice is harmless) and the keys that become unwritten; its *)
(* kind is "intent" (logged) or "commit" (the commit record is durable).   *)
(*                                                                         *)
(* The swap step of Decs.tla becomes LogIntent -> CommitSwap, and the      *)
(* checkpoint runs later in the background, one device write per inode's  *)
(* map, then FreeRecord:                                                   *)
(*   LogIntent      the intent record is written (device cache only);      *)
(*   CommitSwap     REQ_PREFLUSH (the copy and the intent become durable), *)
(*                  then the commit record with REQ_FUA; the maps switch;  *)
(*   CheckpointHome one inode's new map is written home (a crash between   *)
(*                  the two inodes' writes finds the record still          *)
(*                  committed and replays it);                             *)
(*   FreeRecord     both maps are home: the record is freed.               *)
(* A crash loses the volatile state (cache, ptes, direct I/O in flight,    *)
(* locks; the ioctl is gone: step = "Done"). Recovery replays the journal: *)
(* a committed record is applied, an uncommitted one discarded.            *)
(*                                                                         *)
(* Ghost state for durability: floor[k], the value a crash must not lose   *)
(* (the last acknowledged write of k when its file was last fsynced);      *)
(* since[k], the writes of k issued after that fsync: a crash may keep any *)
(* of them, or none. After recovery lastWrite is redefined as what was     *)
(* recovered, so Integrity keeps meaning "reads return the last            *)
(* acknowledged write" afterwards; floor and since stay.                   *)
(*                                                                         *)
(* Layering: this module INSTANCEs Decs (not EXTENDS) so that each of its  *)
(* actions keeps the name of the Decs or Environment action it wraps       *)
(* (every wrapped action runs only while the system is up and changes no  *)
(* crash variable; a write also joins since).                              *)
(*                                                                         *)
(* An implementation conforms if its device writes and flushes follow this *)
(* order: copy the orig's blocks to the donor's (direct writes); write the *)
(* intent; flush; write the commit record with FUA; switch the in-memory   *)
(* maps; unlock. Checkpoint at any later time: each inode's map home,      *)
(* flush, free the record. Recovery at open: a record with a valid commit  *)
(* is written home and freed; an intent without one is freed. fsync: write *)
(* back the file's dirty pages, then flush.                                *)
(*                                                                         *)
(* Scope: one DECS defrag (SwapAtomic compares with the initial maps), at  *)
(* most MaxCrashes crashes; recovery is one step (replay is idempotent, so *)
(* a crash during recovery is a crash before it); unwritten flags are      *)
(* durable at once (only the donor is unwritten, before and after).        *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets

CONSTANTS Inodes, Defrags, UserFiles, DAX, Fs, LBlocks, MaxWrites, Writers, Readers, Reclaim,
          Clock, MaxTime, Zero, Garbage, None,
          MaxCrashes,     \* crashes per behaviour
          Syncs           \* BOOLEAN: users call fsync

VARIABLES disk, emap, unwritten, cache, pte, dio, dior, rwsem, ilock, ctime, queried,
          step, cursor, sample, lastWrite, issued

VARIABLES
    durable,    \* durable: physical block -> the value that survives power loss
    home,       \* durable: file -> (lblock -> block), the maps written in place
    jlog,       \* the journal as the device returns it: defrag id -> record or None
    jdurable,   \* the journal as it survives power loss
    up,         \* volatile: FALSE from a crash until recovery
    floor,      \* ghost: <<file, lblock>> -> the value an fsync made durable
    since,      \* ghost: <<file, lblock>> -> writes issued after that fsync
    crashes     \* ghost: crashes so far

D == INSTANCE Decs

ASSUME /\ Len(Defrags) = 1 /\ MaxCrashes \in Nat /\ Syncs \in BOOLEAN

(* The variables of Decs.tla, named here: UNCHANGED does not reach through *)
(* an instance's tuple in TLC.                                             *)
decsVars  == <<disk, emap, unwritten, cache, pte, dio, dior, rwsem, ilock, ctime, queried,
               step, cursor, sample, lastWrite, issued>>
crashVars == <<durable, home, jlog, jdurable, up, floor, since, crashes>>
allVars   == <<decsVars, crashVars>>
Keys == D!Keys
LBs  == D!LBs
Record == [kind : {"intent", "commit"}, orig : [LBs -> D!Blocks], donor : [LBs -> D!Blocks],
           unwritten : SUBSET Keys]

Init ==
    /\ D!Init
    /\ durable = disk
    /\ home = emap
    /\ jlog = [d \in D!DefragIds |-> None]
    /\ jdurable = jlog
    /\ up = TRUE
    /\ floor = lastWrite
    /\ since = [k \in Keys |-> {}]
    /\ crashes = 0

-----------------------------------------------------------------------------
(***************************************************************************)
(* The users and the DECS steps, while the system is up. A write issued   *)
(* to k (the next write number) joins since[k].                           *)
(***************************************************************************)
Up == up /\ UNCHANGED crashVars
Issues(f, lb) == /\ up /\ since' = [since EXCEPT ![<<f, lb>>] = @ \cup {issued'}]
                 /\ UNCHANGED <<durable, home, jlog, jdurable, up, floor, crashes>>

BufferedWrite(f, lb)   == D!BufferedWrite(f, lb) /\ Issues(f, lb)
DioSubmit(f, lb)       == D!DioSubmit(f, lb) /\ Issues(f, lb)
MmapStore(f, lb)       == D!MmapStore(f, lb) /\ Issues(f, lb)
DaxWrite(f, lb)        == D!DaxWrite(f, lb) /\ Issues(f, lb)
DaxStore(f, lb)        == D!DaxStore(f, lb) /\ Issues(f, lb)
MmapFault(f, lb)       == D!MmapFault(f, lb) /\ Up
DaxFault(f, lb)        == D!DaxFault(f, lb) /\ Up
ReadFill(f, lb)        == D!ReadFill(f, lb) /\ Up
DioReadSubmit(f, lb)   == D!DioReadSubmit(f, lb) /\ Up
DioComplete(r)         == D!DioComplete(r) /\ Up
DioReadComplete(f, lb) == D!DioReadComplete(f, lb) /\ Up
Writeback(k)           == D!Writeback(k) /\ Up
ReclaimPage(k)         == D!ReclaimPage(k) /\ Up

LockInodes(d)     == D!LockInodes(d) /\ Up
LockInvalidate(d) == D!LockInvalidate(d) /\ Up
DrainDio(d)       == D!DrainDio(d) /\ Up
FlushCache(d)     == D!FlushCache(d) /\ Up
EvictCache(d)     == D!EvictCache(d) /\ Up
CopyData(d)       == D!CopyData(d) /\ Up
Unlock(d)         == D!Unlock(d) /\ Up

(* ext4_sync_file on file f (no inode lock): file_write_and_wait_range     *)
(* writes back f's dirty pages and write-protects their mappings, then     *)
(* blkdev_issue_flush (via the jbd2 commit) makes everything the device    *)
(* holds durable, blocks and journal alike. Each block of f is now safe at *)
(* its last acknowledged write; direct writes in flight are not waited     *)
(* for. (A swap handle open now is not committed by it: an intent made     *)
(* durable here is still discarded by recovery.)                           *)
Fsync(f) ==
    LET fks     == D!KeysOf({f})
        dirty   == {k \in fks \cap DOMAIN cache : cache[k].dirty}
        newDisk == [b \in D!Blocks |->
                      IF \E k \in dirty : cache[k].blk = b
                      THEN cache[CHOOSE k \in dirty : cache[k].blk = b].val
                      ELSE disk[b]]
    IN /\ up /\ Syncs /\ f \in UserFiles
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
       /\ UNCHANGED <<emap, unwritten, dio, dior, rwsem, ilock, ctime, queried, lastWrite, issued,
                      step, cursor, sample, home, jlog, up, crashes>>

-----------------------------------------------------------------------------
(***************************************************************************)
(* The journaled swap (step[d] = "SwapExtents").                           *)
(***************************************************************************)
NewMaps(d) == [kind |-> "intent", orig |-> emap[D!Donor(d)], donor |-> emap[D!Orig(d)],
               unwritten |-> {D!Donor(d)} \X LBs]

(* jbd2_journal_start and ext4_swap_extents' metadata in the handle (XFS:  *)
(* the XMI of xfs_exchange_mappings): the record reaches the device cache. *)
LogIntent(d) ==
    /\ up /\ step[d] = "SwapExtents" /\ jlog[d] = None
    /\ jlog' = [jlog EXCEPT ![d] = NewMaps(d)]
    /\ UNCHANGED <<decsVars, durable, home, jdurable, up, floor, since, crashes>>

(* jbd2_journal_stop + jbd2_journal_commit_transaction: the commit block   *)
(* is submitted REQ_PREFLUSH | REQ_FUA. The preflush is the write barrier: *)
(* the copied data and the intent are durable before the commit record.    *)
(* The committed maps switch (Decs' SwapExtents) and the defrag moves on.  *)
CommitSwap(d) ==
    /\ up /\ jlog[d] # None /\ jlog[d].kind = "intent"
    /\ D!SwapExtents(d)
    /\ jlog' = [jlog EXCEPT ![d].kind = "commit"]
    /\ jdurable' = jlog'
    /\ durable' = disk
    /\ UNCHANGED <<home, up, floor, since, crashes>>

(* Ablation "barrier" (cfg CommitSwap <- CommitWithoutFlush): the commit   *)
(* record is written FUA but without the preflush: only it is durable.     *)
CommitWithoutFlush(d) ==
    /\ up /\ jlog[d] # None /\ jlog[d].kind = "intent"
    /\ D!SwapExtents(d)
    /\ jlog' = [jlog EXCEPT ![d].kind = "commit"]
    /\ jdurable' = [jdurable EXCEPT ![d] = jlog'[d]]
    /\ UNCHANGED <<durable, home, up, floor, since, crashes>>

(* Ablation "intent" (cfg LogIntent <- SwapInPlace): no journal record;    *)
(* ext4's per-page transactions instead: swap lblock cursor[d] in place,   *)
(* its own commit flushing the device first. Each piece is durable and     *)
(* consistent; the range is not.                                           *)
SwapInPlace(d) ==
    LET lb == cursor[d]
    IN /\ up /\ step[d] = "SwapExtents"
       /\ durable' = disk
       /\ D!Ext4SwapExtents(d, {lb})
       /\ home' = emap'
       /\ cursor' = [cursor EXCEPT ![d] = lb + 1]
       /\ IF lb = LBlocks THEN D!Goto(d, "Unlock") ELSE UNCHANGED step
       /\ UNCHANGED <<disk, cache, pte, dio, rwsem, ilock, ctime, queried, issued, sample,
                      jlog, jdurable, up, floor, since, crashes>>

(* jbd2 checkpoint (jbd2_log_do_checkpoint; XFS: the bmbt updates of the   *)
(* XMD's transaction): write one inode's new map home, in place. Its own   *)
(* device write, waited for.                                               *)
CheckpointHome(d, f) ==
    LET new == IF f = D!Orig(d) THEN jlog[d].orig ELSE jlog[d].donor
    IN /\ up /\ jlog[d] # None /\ jlog[d].kind = "commit"
       /\ f \in D!Pair(d) /\ home[f] # new
       /\ home' = [home EXCEPT ![f] = new]
       /\ UNCHANGED <<decsVars, durable, jlog, jdurable, up, floor, since, crashes>>

(* The journal tail moves past the transaction (jbd2_cleanup_journal_tail, *)
(* after a flush): once both maps are home the record is freed.            *)
FreeRecord(d) ==
    /\ up /\ jlog[d] # None /\ jlog[d].kind = "commit"
    /\ home[D!Orig(d)] = jlog[d].orig /\ home[D!Donor(d)] = jlog[d].donor
    /\ jlog' = [jlog EXCEPT ![d] = None]
    /\ jdurable' = [jdurable EXCEPT ![d] = None]
    /\ UNCHANGED <<decsVars, durable, home, up, floor, since, crashes>>

-----------------------------------------------------------------------------
(***************************************************************************)
(* Crash and recovery.                                                     *)
(***************************************************************************)
(* What block b may hold after power loss: its durable value, what the     *)
(* device returns now, or an in-flight direct write to it.                 *)
Survivors(b) == {durable[b], disk[b]} \cup {r.val : r \in {x \in dio : x.blk = b}}
CrashImages  == {img \in [D!Blocks -> UNION {Survivors(b) : b \in D!Blocks}] :
                    \A b \in D!Blocks : img[b] \in Survivors(b)}
JournalImages == {j \in [D!DefragIds -> UNION {{jdurable[d], jlog[d]} : d \in D!DefragIds}] :
                    \A d \in D!DefragIds : j[d] \in {jdurable[d], jlog[d]}}

(* Power loss at any point (xfstests' godown: EXT4_IOC_SHUTDOWN with       *)
(* NOLOGFLUSH; a dm-log-writes replay). The device keeps, per block and    *)
(* per journal record, the durable or the unflushed value. Every volatile  *)
(* variable is lost; the defrag's ioctl is gone (Done).                    *)
Crash ==
    /\ up /\ crashes < MaxCrashes
    /\ \E img \in CrashImages : disk' = img /\ durable' = img
    /\ \E j \in JournalImages : jlog' = j /\ jdurable' = j
    /\ up' = FALSE
    /\ cache' = [k \in {} |-> None]
    /\ pte' = [k \in {} |-> None]
    /\ dio' = {}
    /\ dior' = {}
    /\ rwsem' = [f \in D!Files |-> None]
    /\ ilock' = [f \in D!Files |-> None]
    /\ step' = [d \in D!DefragIds |-> "Done"]
    /\ cursor' = [d \in D!DefragIds |-> 1]
    /\ crashes' = crashes + 1
    /\ UNCHANGED <<emap, unwritten, ctime, queried, lastWrite, issued, sample, home, floor, since>>

(* Mount-time recovery (ext4: jbd2_journal_recover; XFS: xlog_recover +   *)
(* xfs_exchmaps_recover_work) applies the durable record of defrag d if it *)
(* is committed; an uncommitted one is discarded.                          *)
Applies(d) == jdurable[d] # None /\ jdurable[d].kind = "commit"

(* Ablation "replay" (cfg Applies <- AppliesNone): recovery ignores the    *)
(* journal and mounts the home maps as they are.                           *)
AppliesNone(d) == FALSE

Replayed ==
    [f \in D!Files |->
        IF \E d \in D!DefragIds : Applies(d) /\ f \in D!Pair(d)
        THEN LET d == CHOOSE d \in D!DefragIds : Applies(d) /\ f \in D!Pair(d)
             IN IF f = D!Orig(d) THEN jdurable[d].orig ELSE jdurable[d].donor
        ELSE home[f]]
ReplayedUnwritten == unwritten \cup UNION {jdurable[d].unwritten : d \in {x \in D!DefragIds : Applies(x)}}

(* The replayed maps are written home and the journal emptied. lastWrite   *)
(* becomes what a reader now sees.                                         *)
Recover ==
    /\ ~up
    /\ up' = TRUE
    /\ emap' = Replayed
    /\ home' = Replayed
    /\ unwritten' = ReplayedUnwritten
    /\ jlog' = [d \in D!DefragIds |-> None]
    /\ jdurable' = jlog'
    /\ lastWrite' = [k \in Keys |-> IF k \in unwritten' THEN Zero ELSE disk[emap'[k[1]][k[2]]]]
    /\ UNCHANGED <<disk, durable, cache, pte, dio, dior, rwsem, ilock, ctime, queried, issued,
                   step, cursor, sample, floor, since, crashes>>

-----------------------------------------------------------------------------
DefragStep(d) ==
    \/ LockInodes(d) \/ LockInvalidate(d) \/ DrainDio(d) \/ FlushCache(d) \/ EvictCache(d)
    \/ CopyData(d) \/ LogIntent(d) \/ CommitSwap(d) \/ Unlock(d)

Terminated == up /\ (\A d \in D!DefragIds : step[d] = "Done") /\ D!EnvQuiet /\ UNCHANGED allVars

Next ==
    \/ \E d \in D!DefragIds : DefragStep(d) \/ FreeRecord(d) \/ \E f \in D!Files : CheckpointHome(d, f)
    \/ \E f \in D!Files, lb \in LBs :
          \/ BufferedWrite(f, lb) \/ DioSubmit(f, lb) \/ MmapFault(f, lb) \/ MmapStore(f, lb)
          \/ ReadFill(f, lb) \/ DioReadSubmit(f, lb) \/ DioReadComplete(f, lb)
          \/ DaxWrite(f, lb) \/ DaxFault(f, lb) \/ DaxStore(f, lb)
    \/ \E r \in D!Dio : DioComplete(r)
    \/ \E k \in Keys : Writeback(k) \/ ReclaimPage(k)
    \/ \E f \in D!Files : Fsync(f)
    \/ Crash \/ Recover
    \/ Terminated

Spec == Init /\ [][Next]_allVars

-----------------------------------------------------------------------------
(***************************************************************************)
(* Properties. Reads only happen while the system is up.                   *)
(***************************************************************************)
TypeOK ==
    /\ D!EnvTypeOK
    /\ step \in [D!DefragIds -> D!Steps]
    /\ durable \in [D!Blocks -> D!Values]
    /\ home \in [D!Files -> [LBs -> D!Blocks]]
    /\ \A d \in D!DefragIds : jlog[d] \in Record \cup {None} /\ jdurable[d] \in Record \cup {None}
    /\ up \in BOOLEAN
    /\ floor \in [Keys -> D!Values]
    /\ since \in [Keys -> SUBSET D!WriteNums]
    /\ crashes \in 0..MaxCrashes

Integrity  == up => D!Integrity
NoExposure == up => D!NoExposure

(* DurableIntegrity: every block of a user file reads what its last fsync  *)
(* made durable or a write issued since: a crash loses only unsynced ones. *)
DurableIntegrity ==
    up => \A f \in UserFiles, lb \in LBs :
            D!Readable(f, lb) \subseteq {floor[<<f, lb>>]} \cup since[<<f, lb>>]

(* SwapAtomic: outside the locked window (a crash ends it) the orig maps   *)
(* all its old blocks or all the donor's former blocks, never a mix.       *)
SwapAtomic ==
    up => \A d \in D!DefragIds :
            ~D!InWindow(D!Orig(d)) =>
                emap[D!Orig(d)] \in {D!InitialMaps[D!Orig(d)], D!InitialMaps[D!Donor(d)]}

(* Diagnostics (the Cause models): a commit record is durable when written *)
(* (REQ_FUA), and the structural invariants of Guarantee.tla while up.     *)
CommitDurable ==
    \A d \in D!DefragIds : jlog[d] # None /\ jlog[d].kind = "commit" => jdurable[d] = jlog[d]
Conservation   == D!Conservation
Quiescence     == up => D!Quiescence
NoStaleMapping == up => D!NoStaleMapping
LockOrder      == D!LockOrder

THEOREM Spec => [](TypeOK /\ Integrity /\ NoExposure /\ DurableIntegrity /\ SwapAtomic)

-----------------------------------------------------------------------------
(***************************************************************************)
(* Liveness: fairness as in Decs.tla, plus the jbd2 checkpoint eventually  *)
(* runs (the journal must not fill up) and a crashed machine is eventually *)
(* mounted again. Crashes, users and fsync get none.                       *)
(***************************************************************************)
LiveSpec ==
    /\ Spec
    /\ \A d \in D!DefragIds : /\ WF_allVars(DefragStep(d))
                              /\ WF_allVars(FreeRecord(d) \/ \E f \in D!Files : CheckpointHome(d, f))
    /\ WF_allVars(\E r \in dio : DioComplete(r))
    /\ WF_allVars(\E f \in D!Files, lb \in LBs : DioReadComplete(f, lb))
    /\ WF_allVars(\E k \in DOMAIN cache : Writeback(k))
    /\ WF_allVars(Recover)

(* Every journal record is eventually freed: an intent is committed and    *)
(* checkpointed, or discarded by the recovery after a crash.               *)
JournalEmpties == \A d \in D!DefragIds : jlog[d] # None ~> jlog[d] = None

(* The defrag completes, or a crash ends it; the system is up in the end.  *)
DefragEnds == \A d \in D!DefragIds : <>[](step[d] = "Done" /\ up)
=============================================================================
