------------------------------- MODULE Defrag -------------------------------
(***************************************************************************)
(* ext4 online defragmentation (EXT4_IOC_MOVE_EXT) racing with writers.    *)
(*                                                                         *)
(* Two protocols move the data of a range of logical blocks of the `orig`  *)
(* file onto the physical blocks of the `donor` file (e4defrag's private   *)
(* scratch file, fallocated, i.e. unwritten and full of stale Garbage):    *)
(*                                                                         *)
(*  "legacy": ext4's move_extent_per_page. Lock both inodes, drain direct  *)
(*      I/O, then per page: read the old block into the orig's cached      *)
(*      page, swap the extent, re-point the page at the new block, mark it *)
(*      dirty. The data reaches the new block only at a later writeback.   *)
(*  "decs":   drain-evict-copy-swap (Jan Kara, 2016). Lock both inodes and *)
(*      both invalidate locks, drain direct I/O, flush and evict the cache *)
(*      and mappings of both ranges, copy block to block (not through the  *)
(*      cache), swap the extents, unlock.                                  *)
(*                                                                         *)
(* With DAX there is no data page cache: reads, writes and mmap faults go  *)
(* straight to the blocks and writeback never writes ordinary dirty pages. *)
(* The legacy protocol still creates an orig page (FGP_WRITEBEGIN) and     *)
(* leaves the only good copy of the data in it: the corruption of the      *)
(* 2016 thread. DefragProperties.tla states what must hold.                *)
(*                                                                         *)
(* Granularity. One block = one page. Every writer's critical section is   *)
(* one atomic step, enabled only while no defrag holds the lock it takes   *)
(* (writers only ever hold locks inside such a step, so a lock is either   *)
(* free or held exclusively by a defrag). A direct write is two steps:     *)
(* submission and completion. Each defrag step is one atomic step, except  *)
(* that taking two inodes' locks is one step per inode (that is where two  *)
(* defrags can deadlock).                                                  *)
(*                                                                         *)
(* What the bounds leave out:                                              *)
(*  - LBlocks: the moved range has LBlocks blocks per file, the whole file *)
(*    is that range; blocks outside the range, extent splitting, holes in  *)
(*    orig, partial pages and EOF are not modelled.                        *)
(*  - MaxWrites: at most MaxWrites writes are issued in a behaviour (each  *)
(*    is numbered, so a reader can tell which write it sees); longer       *)
(*    write sequences repeat the same interleaving patterns.               *)
(*  - Writers, Readers: which actors exist. A read that misses the cache   *)
(*    fills it (ReadFill, without DAX); what any read returns is the       *)
(*    reader view (ReadView) of the current state.                         *)
(*  - A write converts an unwritten extent when it completes (a buffered   *)
(*    write at once: the page serves reads until writeback, where ext4     *)
(*    converts). Only a file that is another defrag's donor is ever        *)
(*    unwritten under a writer; DefragCrash.tla (one defrag) has none.     *)
(*  - Crashes, the device's write cache and the journaled swap are in      *)
(*    DefragCrash.tla, which extends this module (SwapExtents becomes      *)
(*    intent, commit and checkpoint); here the swap is one atomic step.    *)
(*  - Not modelled: i_data_sem and folio locks (every step that would take *)
(*    them is atomic here), the donor's own pages (no writer uses the     *)
(*    donor; legacy only locks the donor folio), the unwritten fast path   *)
(*    of move_extent_per_page (the copy path gives the same result), DIO   *)
(*    reads, truncate, memory-pressure reclaim of clean pages, the         *)
(*    -EBUSY/-ENOSPC retries, and the 2025 rework (same data movement).    *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets, TLC

CONSTANTS
    Inodes,         \* sequence of file names, in inode-address order (the lock order)
    Defrags,        \* sequence of [orig |-> file, donor |-> file]; defrag d = Defrags[d]
    Protocol,       \* "decs" or "legacy"
    DAX,            \* BOOLEAN: S_DAX set on the files
    Omit,           \* ablations: subset of Ablations, each skips one DECS step
    OrderedLocking, \* TRUE: lock two inodes in address order; FALSE: orig first
    LBlocks,        \* logical blocks per file (the moved range)
    MaxWrites,      \* writes issued per behaviour; write n writes the value n
    Writers,        \* writer kinds present: subset of {"buffered", "direct", "mmap"}
    Readers,        \* BOOLEAN: readers present (their cache misses fill pages)
    Zero,           \* value read from an unwritten extent
    Garbage,        \* stale content of a donor block before the copy
    None            \* "no holder" of a lock

\* Each ablation names the DECS step it skips.
AblatedStep == [locks      |-> "LockInodes",  invalidate |-> "LockInvalidate",
                drain      |-> "DrainDio",    flush      |-> "FlushCache",
                evict      |-> "EvictCache",  copy       |-> "CopyData"]
Ablations == DOMAIN AblatedStep

ASSUME /\ Protocol \in {"decs", "legacy"}
       /\ DAX \in BOOLEAN /\ OrderedLocking \in BOOLEAN
       /\ Omit \subseteq Ablations
       /\ LBlocks \in Nat \ {0} /\ MaxWrites \in Nat
       /\ Writers \subseteq {"buffered", "direct", "mmap"} /\ Readers \in BOOLEAN
       /\ \A d \in DOMAIN Defrags : Defrags[d].orig # Defrags[d].donor

Files     == {Inodes[i] : i \in DOMAIN Inodes}
Address(f) == CHOOSE i \in DOMAIN Inodes : Inodes[i] = f
LBs       == 1..LBlocks
Keys      == Files \X LBs                     \* <<file, lblock>>
Blocks    == 1..(Len(Inodes) * LBlocks)      \* physical blocks
DefragIds == DOMAIN Defrags
Orig(d)   == Defrags[d].orig
Donor(d)  == Defrags[d].donor
Pair(d)   == {Orig(d), Donor(d)}
Origs     == {Orig(d) : d \in DefragIds}      \* the files writers use
WriteNums == 1..MaxWrites
Values    == WriteNums \cup {Zero, Garbage}

ASSUME \A d \in DefragIds : Pair(d) \subseteq Files

(* The steps of each protocol, in order; "Done" follows the last one.     *)
DecsSteps   == <<"LockInodes", "LockInvalidate", "DrainDio", "FlushCache",
                 "EvictCache", "CopyData", "SwapExtents", "Unlock">>
LegacySteps == <<"LockInodes", "DrainDio", "MovePage", "Unlock">>
Skipped     == {AblatedStep[o] : o \in Omit}
Plan        == SelectSeq(IF Protocol = "decs" THEN DecsSteps ELSE LegacySteps,
                         LAMBDA s : s \notin Skipped) \o <<"Done">>
StepNames   == {Plan[i] : i \in DOMAIN Plan}
After(s)    == Plan[(CHOOSE i \in DOMAIN Plan : Plan[i] = s) + 1]

Page == [val : Values, dirty : BOOLEAN, blk : Blocks]
Pte  == [target : IF DAX THEN Blocks ELSE {"page"}, writable : BOOLEAN]
Dio  == [file : Files, lblock : LBs, blk : Blocks, val : WriteNums]

-----------------------------------------------------------------------------
(* Durable state: survives a crash.                                       *)
VARIABLES
    disk,       \* physical block -> value
    emap,       \* file -> (lblock -> physical block): committed extent maps
    unwritten   \* set of <<file, lblock>> whose extent is unwritten (reads Zero)

(* Volatile state: lost in a crash.                                       *)
VARIABLES
    cache,      \* <<file, lblock>> -> Page; DOMAIN = the cached pages
    pte,        \* <<file, lblock>> -> Pte; DOMAIN = the mapped pages
    dio,        \* set of in-flight direct writes (Dio records)
    rwsem,      \* file -> holder of i_rwsem exclusively (a defrag id or None)
    ilock,      \* file -> holder of invalidate_lock exclusively
    step,       \* defrag id -> its next step (a name of Plan)
    cursor      \* defrag id -> the next page MovePage moves (legacy only)

(* Ghost state: not in the system, only for stating properties.           *)
VARIABLES
    lastWrite,  \* <<file, lblock>> -> value of the last completed write
    issued      \* number of writes issued so far (the next write is issued+1)

durableVars  == <<disk, emap, unwritten>>
volatileVars == <<cache, pte, dio, rwsem, ilock, step, cursor>>
ghostVars    == <<lastWrite, issued>>
vars         == <<durableVars, volatileVars, ghostVars>>

-----------------------------------------------------------------------------
(* Function helpers for the partial maps cache and pte.                   *)
Put(fn, k, v) == [x \in DOMAIN fn \cup {k} |-> IF x = k THEN v ELSE fn[x]]
Drop(fn, ks)  == [x \in DOMAIN fn \ ks |-> fn[x]]
KeysOf(fs)    == fs \X LBs

(* What reading <<f, lb>> returns now: Zero from an unwritten extent;     *)
(* otherwise without DAX the cached page if there is one, else the block; *)
(* with DAX always the block (DAX reads never consult the page cache).    *)
ReadView(f, lb) ==
    IF <<f, lb>> \in unwritten THEN Zero
    ELSE IF ~DAX /\ <<f, lb>> \in DOMAIN cache THEN cache[<<f, lb>>].val
    ELSE disk[emap[f][lb]]

(* Content of the block behind <<f, lb>> as a page fill would read it.    *)
BlockData(f, lb) == IF <<f, lb>> \in unwritten THEN Zero ELSE disk[emap[f][lb]]

(* Initially every orig holds written zeros (its blocks hold Zero); donor- *)
(* only files are fallocated: unwritten extents over Garbage. File i owns  *)
(* blocks (i-1)*LBlocks+1 .. i*LBlocks.                                    *)
Init ==
    /\ emap = [f \in Files |-> [lb \in LBs |-> (Address(f) - 1) * LBlocks + lb]]
    /\ disk = [b \in Blocks |->
                 IF Inodes[(b - 1) \div LBlocks + 1] \in Origs THEN Zero ELSE Garbage]
    /\ unwritten = {k \in Keys : k[1] \notin Origs}
    /\ cache = [k \in {} |-> None]
    /\ pte = [k \in {} |-> None]
    /\ dio = {}
    /\ rwsem = [f \in Files |-> None]
    /\ ilock = [f \in Files |-> None]
    /\ step = [d \in DefragIds |-> Plan[1]]
    /\ cursor = [d \in DefragIds |-> 1]
    /\ lastWrite = [k \in Keys |-> Zero]
    /\ issued = 0

-----------------------------------------------------------------------------
(***************************************************************************)
(* Writers. They act on the origs only. A completed write w of <<f, lb>>  *)
(* sets lastWrite[<<f, lb>>] to w and converts an unwritten extent.        *)
(***************************************************************************)
NewWrite == issued < MaxWrites
Completed(k, w) == /\ lastWrite' = [lastWrite EXCEPT ![k] = w]
                   /\ unwritten' = unwritten \ {k}

(* ext4_buffered_write_iter / generic_perform_write under i_rwsem: the    *)
(* data lands in the (possibly new) page, which is dirtied; the buffer    *)
(* mapping (blk) is the block the extent map names now. With DAX,         *)
(* ext4_dax_write_iter (dax_iomap_rw, also under i_rwsem) writes the block *)
(* synchronously. ext4 routes O_DIRECT writes of a DAX inode through the   *)
(* same ext4_dax_write_iter, so a "direct" writer acts here under DAX.     *)
BufferedWrite(f, lb) ==
    LET k == <<f, lb>>
        w == issued + 1
    IN /\ "buffered" \in Writers \/ (DAX /\ "direct" \in Writers)
       /\ NewWrite /\ f \in Origs
       /\ rwsem[f] = None
       /\ IF DAX
            THEN /\ disk' = [disk EXCEPT ![emap[f][lb]] = w]
                 /\ UNCHANGED cache
            ELSE /\ cache' = Put(cache, k,
                        [val |-> w, dirty |-> TRUE,
                         blk |-> IF k \in DOMAIN cache THEN cache[k].blk ELSE emap[f][lb]])
                 /\ UNCHANGED disk
       /\ Completed(k, w)
       /\ issued' = w
       /\ UNCHANGED <<emap, pte, dio, rwsem, ilock, step, cursor>>

(* iomap_dio_rw submission under shared i_rwsem (ext4_dio_write_iter):    *)
(* the block is looked up now and the bio will hit it whatever happens to *)
(* the extent map meanwhile; inode_dio_begin counts it (dio). The kernel   *)
(* also writes back and invalidates the cached range here; its effect on   *)
(* what readers see is modelled at completion (DioComplete), where the     *)
(* kernel invalidates the range again. No async DIO exists under DAX.      *)
DioSubmit(f, lb) ==
    /\ "direct" \in Writers /\ ~DAX
    /\ NewWrite /\ f \in Origs
    /\ rwsem[f] = None
    /\ dio' = dio \cup {[file |-> f, lblock |-> lb, blk |-> emap[f][lb], val |-> issued + 1]}
    /\ issued' = issued + 1
    /\ UNCHANGED <<durableVars, cache, pte, rwsem, ilock, step, cursor, lastWrite>>

(* Bio end_io + inode_dio_end: the captured block is written and the      *)
(* write completes; kiocb_invalidate_post_direct_write drops (and unmaps)  *)
(* the cached page, so later reads see the block. Takes no inode lock.    *)
(* A buffered write or store to the same block while the direct write is  *)
(* in flight is a race the kernel does not order either ("Page cache      *)
(* invalidation failure on direct I/O"); here the direct write is last.   *)
DioComplete(r) ==
    LET k == <<r.file, r.lblock>>
    IN /\ r \in dio
       /\ disk' = [disk EXCEPT ![r.blk] = r.val]
       /\ Completed(k, r.val)
       /\ dio' = dio \ {r}
       /\ cache' = Drop(cache, {k})
       /\ pte' = Drop(pte, {k})
       /\ UNCHANGED <<emap, rwsem, ilock, step, cursor, issued>>

(* A write fault: ext4_page_mkwrite (filemap fault + mkwrite) under the   *)
(* shared invalidate_lock fills the page from its block if absent,        *)
(* dirties it and maps it writable. With DAX, dax_iomap_fault (from       *)
(* ext4_dax_huge_fault, same lock) maps the physical block itself,        *)
(* zeroing an unwritten one.                                              *)
(* Only enabled while a store may still follow (a write is left).          *)
MmapFault(f, lb) ==
    LET k == <<f, lb>>
    IN /\ "mmap" \in Writers
       /\ NewWrite /\ f \in Origs
       /\ ilock[f] = None
       /\ ~(k \in DOMAIN pte /\ pte[k].writable)
       /\ IF DAX
            THEN /\ pte' = Put(pte, k, [target |-> emap[f][lb], writable |-> TRUE])
                 /\ disk' = IF k \in unwritten THEN [disk EXCEPT ![emap[f][lb]] = Zero]
                                               ELSE disk
                 /\ UNCHANGED cache
            ELSE /\ pte' = Put(pte, k, [target |-> "page", writable |-> TRUE])
                 /\ cache' = Put(cache, k,
                        IF k \in DOMAIN cache THEN [cache[k] EXCEPT !.dirty = TRUE]
                        ELSE [val |-> BlockData(f, lb), dirty |-> TRUE, blk |-> emap[f][lb]])
                 /\ UNCHANGED disk
       /\ unwritten' = unwritten \ {k}
       /\ UNCHANGED <<emap, dio, rwsem, ilock, step, cursor, ghostVars>>

(* A CPU store through a writable mapping: no lock and no kernel entry.   *)
(* Without DAX it changes the (already dirty) page; with DAX the block.   *)
MmapStore(f, lb) ==
    LET k == <<f, lb>>
        w == issued + 1
    IN /\ NewWrite
       /\ k \in DOMAIN pte /\ pte[k].writable
       /\ IF DAX
            THEN /\ disk' = [disk EXCEPT ![pte[k].target] = w]
                 /\ UNCHANGED cache
            ELSE /\ cache' = [cache EXCEPT ![k].val = w, ![k].dirty = TRUE]
                 /\ UNCHANGED disk
       /\ Completed(k, w)
       /\ issued' = w
       /\ UNCHANGED <<emap, pte, dio, rwsem, ilock, step, cursor>>

(* A buffered read that misses the cache (filemap_read, readahead) fills  *)
(* the page from its block, clean, under the shared invalidate_lock       *)
(* (filemap_create_folio). Only the cache fill is a step; what a read     *)
(* returns is ReadView. DAX reads fill nothing.                           *)
ReadFill(f, lb) ==
    LET k == <<f, lb>>
    IN /\ Readers /\ ~DAX /\ f \in Origs
       /\ k \notin DOMAIN cache
       /\ ilock[f] = None
       /\ cache' = Put(cache, k, [val |-> BlockData(f, lb), dirty |-> FALSE, blk |-> emap[f][lb]])
       /\ UNCHANGED <<durableVars, pte, dio, rwsem, ilock, step, cursor, ghostVars>>

(* ext4_writepages: write one dirty page to the block its buffer mapping  *)
(* names and clean it; page_mkclean write-protects its mapping, so the    *)
(* next store faults again (ext4_page_mkwrite). Takes no inode lock. A DAX *)
(* inode's writepages (dax_writeback_mapping_range) only flushes CPU       *)
(* caches and never writes ordinary pages, hence ~DAX.                     *)
Writeback(k) ==
    /\ ~DAX
    /\ k \in DOMAIN cache /\ cache[k].dirty
    /\ disk' = [disk EXCEPT ![cache[k].blk] = cache[k].val]
    /\ cache' = [cache EXCEPT ![k].dirty = FALSE]
    /\ pte' = IF k \in DOMAIN pte THEN [pte EXCEPT ![k].writable = FALSE] ELSE pte
    /\ UNCHANGED <<emap, unwritten, dio, rwsem, ilock, step, cursor, ghostVars>>

-----------------------------------------------------------------------------
(***************************************************************************)
(* The defrag. Defrag d runs the steps of Plan in order; step[d] names    *)
(* the next one. An ablated step (Omit) is simply not in Plan.            *)
(***************************************************************************)
Advance(d) == step' = [step EXCEPT ![d] = After(step[d])]

(* The order in which d takes the two inodes' locks of one class.         *)
LockSeq(d) == IF OrderedLocking /\ Address(Donor(d)) < Address(Orig(d))
              THEN <<Donor(d), Orig(d)>> ELSE <<Orig(d), Donor(d)>>

(* Take the next of d's two locks in `lock` (blocking while another       *)
(* holder has it); the step ends once both are held.                      *)
TakeNext(lock, d) ==
    LET f == IF lock[LockSeq(d)[1]] = d THEN LockSeq(d)[2] ELSE LockSeq(d)[1]
    IN /\ lock[f] = None
       /\ lock' = [lock EXCEPT ![f] = d]
       /\ IF f = LockSeq(d)[2] THEN Advance(d) ELSE UNCHANGED step

(* lock_two_nondirectories: both i_rwsem exclusive. Excludes new buffered *)
(* and direct writes (and truncate).                                      *)
LockInodes(d) ==
    /\ step[d] = "LockInodes"
    /\ TakeNext(rwsem, d)
    /\ UNCHANGED <<durableVars, cache, pte, dio, ilock, cursor, ghostVars>>

(* filemap_invalidate_lock_two: both invalidate_locks exclusive. Excludes *)
(* page faults and cache refill (XFS: MMAPLOCK).                          *)
LockInvalidate(d) ==
    /\ step[d] = "LockInvalidate"
    /\ TakeNext(ilock, d)
    /\ UNCHANGED <<durableVars, cache, pte, dio, rwsem, cursor, ghostVars>>

(* inode_dio_wait on both inodes: blocks until no direct I/O of either is *)
(* in flight.                                                             *)
DrainDio(d) ==
    /\ step[d] = "DrainDio"
    /\ \A r \in dio : r.file \notin Pair(d)
    /\ Advance(d)
    /\ UNCHANGED <<durableVars, cache, pte, dio, rwsem, ilock, cursor, ghostVars>>

(* filemap_write_and_wait_range on both ranges: every dirty page is       *)
(* written to its block and cleaned, its mapping write-protected. With    *)
(* DAX nothing to write (dax_writeback_mapping_range flushes CPU caches). *)
FlushCache(d) ==
    LET dirty == {k \in DOMAIN cache : k[1] \in Pair(d) /\ cache[k].dirty}
    IN /\ step[d] = "FlushCache"
       /\ IF DAX THEN UNCHANGED <<disk, cache, pte>>
          ELSE /\ disk' = [b \in Blocks |->
                             IF \E k \in dirty : cache[k].blk = b
                             THEN cache[CHOOSE k \in dirty : cache[k].blk = b].val
                             ELSE disk[b]]
               /\ cache' = [k \in DOMAIN cache |->
                              IF k \in dirty THEN [cache[k] EXCEPT !.dirty = FALSE]
                              ELSE cache[k]]
               /\ pte' = [k \in DOMAIN pte |->
                              IF k \in dirty THEN [pte[k] EXCEPT !.writable = FALSE]
                              ELSE pte[k]]
       /\ Advance(d)
       /\ UNCHANGED <<emap, unwritten, dio, rwsem, ilock, cursor, ghostVars>>

(* truncate_pagecache_range on both ranges: unmap every mapping (with DAX *)
(* the PTEs to the blocks) and drop every cached page, dirty or not.      *)
EvictCache(d) ==
    /\ step[d] = "EvictCache"
    /\ cache' = Drop(cache, KeysOf(Pair(d)))
    /\ pte' = Drop(pte, KeysOf(Pair(d)))
    /\ Advance(d)
    /\ UNCHANGED <<durableVars, dio, rwsem, ilock, cursor, ghostVars>>

(* Read each orig block and write it to the donor's block at the same     *)
(* lblock, directly (not through the cache), and durably before the swap. *)
CopyData(d) ==
    /\ step[d] = "CopyData"
    /\ disk' = [b \in Blocks |->
                  IF \E lb \in LBs : emap[Donor(d)][lb] = b
                  THEN disk[emap[Orig(d)][CHOOSE lb \in LBs : emap[Donor(d)][lb] = b]]
                  ELSE disk[b]]
    /\ Advance(d)
    /\ UNCHANGED <<emap, unwritten, cache, pte, dio, rwsem, ilock, cursor, ghostVars>>

(* Exchange the extents of lblocks `lbs` between orig and donor           *)
(* (ext4_swap_extents, unwritten=1): orig keeps its own written/unwritten  *)
(* state, the donor's range becomes unwritten, so it reads zeros and never *)
(* exposes orig's old data; the donor's "last write" is therefore Zero.    *)
SwapRange(d, lbs) ==
    /\ emap' = [emap EXCEPT
                  ![Orig(d)]  = [lb \in LBs |-> IF lb \in lbs THEN emap[Donor(d)][lb]
                                                               ELSE emap[Orig(d)][lb]],
                  ![Donor(d)] = [lb \in LBs |-> IF lb \in lbs THEN emap[Orig(d)][lb]
                                                               ELSE emap[Donor(d)][lb]]]
    /\ unwritten' = unwritten \cup ({Donor(d)} \X lbs)
    /\ lastWrite' = [k \in Keys |-> IF k[1] = Donor(d) /\ k[2] \in lbs THEN Zero
                                                                    ELSE lastWrite[k]]

(* ext4_swap_extents over the whole range, one journal transaction.       *)
SwapExtents(d) ==
    /\ step[d] = "SwapExtents"
    /\ SwapRange(d, LBs)
    /\ Advance(d)
    /\ UNCHANGED <<disk, cache, pte, dio, rwsem, ilock, cursor, issued>>

(* move_extent_per_page for page lb = cursor[d] (legacy). Lock both folios *)
(* (FGP_WRITEBEGIN creates the orig page even in a DAX mapping), make it   *)
(* uptodate by reading the OLD block if it was not cached                  *)
(* (mext_page_mkuptodate), swap that extent, re-map the page's buffers to  *)
(* the NEW block (the donor's former one), dirty it (block_commit_write). *)
(* The data reaches the new block only when Writeback writes the page.     *)
MovePage(d) ==
    LET lb == cursor[d]
        k  == <<Orig(d), lb>>
        new == emap[Donor(d)][lb]
    IN /\ step[d] = "MovePage"
       /\ cache' = Put(cache, k,
                    IF k \in DOMAIN cache THEN [cache[k] EXCEPT !.blk = new, !.dirty = TRUE]
                    ELSE [val |-> BlockData(Orig(d), lb), dirty |-> TRUE, blk |-> new])
       /\ SwapRange(d, {lb})
       /\ cursor' = [cursor EXCEPT ![d] = lb + 1]
       /\ IF lb = LBlocks THEN Advance(d) ELSE UNCHANGED step
       /\ UNCHANGED <<disk, pte, dio, rwsem, ilock, issued>>

(* unlock_two_nondirectories and filemap_invalidate_unlock_two: release   *)
(* every lock d holds.                                                    *)
Unlock(d) ==
    /\ step[d] = "Unlock"
    /\ rwsem' = [f \in Files |-> IF rwsem[f] = d THEN None ELSE rwsem[f]]
    /\ ilock' = [f \in Files |-> IF ilock[f] = d THEN None ELSE ilock[f]]
    /\ Advance(d)
    /\ UNCHANGED <<durableVars, cache, pte, dio, cursor, ghostVars>>

DefragStep(d) ==
    \/ LockInodes(d) \/ LockInvalidate(d) \/ DrainDio(d) \/ FlushCache(d)
    \/ EvictCache(d) \/ CopyData(d) \/ SwapExtents(d) \/ MovePage(d) \/ Unlock(d)

-----------------------------------------------------------------------------
(* Every defrag is done, no write is left to issue or complete: the       *)
(* system idles. This stutter step keeps TLC's deadlock check for real    *)
(* deadlocks (defrags blocking each other).                               *)
Terminated ==
    /\ \A d \in DefragIds : step[d] = "Done"
    /\ issued = MaxWrites \/ Writers = {}
    /\ dio = {}
    /\ UNCHANGED vars

WriterStep ==
    \/ \E f \in Files, lb \in LBs :
          \/ BufferedWrite(f, lb) \/ DioSubmit(f, lb) \/ MmapFault(f, lb) \/ MmapStore(f, lb)
          \/ ReadFill(f, lb)
    \/ \E r \in dio : DioComplete(r)
    \/ \E k \in DOMAIN cache : Writeback(k)

Next == (\E d \in DefragIds : DefragStep(d)) \/ WriterStep \/ Terminated

Spec == Init /\ [][Next]_vars

=============================================================================
