----------------------------- MODULE Environment -----------------------------
(***************************************************************************)
(* The world every defrag protocol runs in: files with extent maps on a    *)
(* block device, the page cache and user mappings, and the users of the    *)
(* files (buffered, direct and mmap writers; buffered and direct readers), *)
(* writeback and memory-pressure reclaim. The protocols (Decs.tla,         *)
(* Ext4Legacy.tla, Ext4Mext.tla, XfsSwapext.tla, XfsExchange.tla) extend   *)
(* this module with the steps of one defrag each; Guarantee.tla states     *)
(* what a user of the files may observe.                                   *)
(*                                                                         *)
(* Two I/O families. Without DAX data goes through the page cache          *)
(* (BufferedWrite, DioSubmit/DioComplete, MmapFault/MmapStore, ReadFill,   *)
(* Writeback, Reclaim, DioReadSubmit/DioReadComplete). With DAX there is   *)
(* no data page cache: writes, faults and stores reach the blocks          *)
(* (DaxWrite, DaxFault, DaxStore) and writeback never writes ordinary      *)
(* pages. A model is in one mode (the constant DAX).                       *)
(*                                                                         *)
(* Granularity. One block = one page. Each environment step is one atomic  *)
(* step, enabled only while no defrag holds the lock its kernel path       *)
(* takes (a user only holds a lock inside such a step, so a lock is free   *)
(* or held exclusively by a defrag). A direct write or read is two steps:  *)
(* submission and completion.                                              *)
(*                                                                         *)
(* Bounds and omissions:                                                   *)
(*  - LBlocks: each file is LBlocks blocks, all of them in the moved       *)
(*    range; extent splitting, holes, partial pages and EOF are not        *)
(*    modelled. MaxWrites: writes issued per behaviour; write n writes the *)
(*    value n, so a reader can tell which write it sees.                   *)
(*  - A write converts an unwritten extent when it completes (a buffered   *)
(*    write at once: the page serves reads until writeback converts).      *)
(*  - Not modelled: truncate, i_size, holes, folio locks (every step that  *)
(*    takes one is atomic here), reallocation of freed blocks.             *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets, TLC

CONSTANTS
    Inodes,     \* sequence of file names, in inode-address order (the lock order)
    Defrags,    \* sequence of [orig |-> file, donor |-> file]; defrag d = Defrags[d]
    UserFiles,  \* the files users write and read (a donor may be one: xfstests ext4/302)
    DAX,        \* BOOLEAN: S_DAX set on the files
    Fs,         \* "ext4" or "xfs": which read paths take i_rwsem (see Readable)
    LBlocks,    \* logical blocks per file (the moved range)
    MaxWrites,  \* writes issued per behaviour
    Writers,    \* writer kinds present: subset of {"buffered", "direct", "mmap"}
    Readers,    \* reader kinds present: subset of {"buffered", "direct"}
    Reclaim,    \* BOOLEAN: memory pressure reclaims clean pages
    Clock,      \* timestamps: "none" (not modelled) or "multigrain" (see Touch)
    MaxTime,    \* the largest timestamp value modelled (a bound, see Touch)
    Zero,       \* value read from an unwritten extent
    Garbage,    \* stale content of a fallocated block (never written)
    None        \* "no holder" of a lock

ASSUME /\ DAX \in BOOLEAN /\ Reclaim \in BOOLEAN /\ Fs \in {"ext4", "xfs"}
       /\ LBlocks \in Nat \ {0} /\ MaxWrites \in Nat
       /\ Writers \subseteq {"buffered", "direct", "mmap"}
       /\ Readers \subseteq {"buffered", "direct"}
       /\ Clock \in {"none", "multigrain"} /\ MaxTime \in Nat
       /\ \A d \in DOMAIN Defrags : Defrags[d].orig # Defrags[d].donor

Files      == {Inodes[i] : i \in DOMAIN Inodes}
Address(f) == CHOOSE i \in DOMAIN Inodes : Inodes[i] = f
LBs        == 1..LBlocks
Keys       == Files \X LBs                     \* <<file, lblock>>
KeysOf(fs) == fs \X LBs
Blocks     == 1..(Len(Inodes) * LBlocks)       \* physical blocks
DefragIds  == DOMAIN Defrags
Orig(d)    == Defrags[d].orig
Donor(d)   == Defrags[d].donor
Pair(d)    == {Orig(d), Donor(d)}
Origs      == {Orig(d) : d \in DefragIds}
Donors     == {Donor(d) : d \in DefragIds}
WriteNums  == 1..MaxWrites
Values     == WriteNums \cup {Zero, Garbage}

ASSUME UserFiles \subseteq Files /\ \A d \in DefragIds : Pair(d) \subseteq Files

Page   == [val : Values, dirty : BOOLEAN, blk : Blocks]
Pte    == [target : IF DAX THEN Blocks ELSE {"page"}, writable : BOOLEAN]
Dio    == [file : Files, lblock : LBs, blk : Blocks, val : WriteNums]
DioRd  == [file : Files, lblock : LBs, blk : Blocks, ok : SUBSET Values]

-----------------------------------------------------------------------------
(* Durable state: survives a crash.                                       *)
VARIABLES
    disk,       \* physical block -> value
    emap,       \* file -> (lblock -> physical block): the committed extent maps
    unwritten   \* set of <<file, lblock>> whose extent is unwritten (reads Zero)

(* Volatile state: lost in a crash.                                       *)
VARIABLES
    cache,      \* <<file, lblock>> -> Page; DOMAIN = the cached pages
    pte,        \* <<file, lblock>> -> Pte; DOMAIN = the mapped pages
    dio,        \* in-flight direct writes (Dio records; inode_dio_begin counts them)
    dior,       \* in-flight direct reads (DioRd records; counted the same way)
    rwsem,      \* file -> holder of i_rwsem (XFS: IOLOCK) exclusively: a defrag id or None
    ilock,      \* file -> holder of invalidate_lock (XFS: MMAPLOCK) exclusively
    ctime,      \* file -> its ctime (= mtime), a tick count; constant 0 when Clock = "none"
    queried     \* file -> ctime was queried since its last change (multigrain)

(* Each defrag's control state (its ioctl or its user-space tool).         *)
VARIABLES
    step,       \* defrag id -> the protocol's next step; "Done" after the last
    cursor,     \* defrag id -> the next lblock a per-block or per-extent loop handles
    sample      \* defrag id -> what the protocol sampled to check freshness later, or None

(* Ghost state: not in the system, only for stating properties.           *)
VARIABLES
    lastWrite,  \* <<file, lblock>> -> the value of the last acknowledged write
    issued      \* writes issued so far; the next write writes issued + 1

timeVars   == <<ctime, queried>>
defragVars == <<step, cursor, sample>>
envVars    == <<disk, emap, unwritten, cache, pte, dio, dior, rwsem, ilock, timeVars, lastWrite, issued>>
vars       == <<envVars, defragVars>>

-----------------------------------------------------------------------------
(* Helpers for the partial maps cache and pte.                             *)
Put(fn, k, v) == [x \in DOMAIN fn \cup {k} |-> IF x = k THEN v ELSE fn[x]]
Drop(fn, ks)  == [x \in DOMAIN fn \ ks |-> fn[x]]

(* What the block behind <<f, lb>> holds for a reader: Zero if unwritten.  *)
BlockData(f, lb) == IF <<f, lb>> \in unwritten THEN Zero ELSE disk[emap[f][lb]]

(* The values a read of k may legitimately return: the last acknowledged   *)
(* write, or a direct write still in flight (it may or may not have        *)
(* landed).                                                               *)
Acceptable(k) == {lastWrite[k]} \cup {r.val : r \in {x \in dio : <<x.file, x.lblock>> = k}}

(* Write w to k is acknowledged: it is the last write of k, k's extent is  *)
(* written, and a direct read of k in flight may now return it too.        *)
Acked(k, w) ==
    /\ lastWrite' = [lastWrite EXCEPT ![k] = w]
    /\ unwritten' = unwritten \ {k}
    /\ dior' = {IF <<r.file, r.lblock>> = k THEN [r EXCEPT !.ok = @ \cup {w}] ELSE r : r \in dior}

(* The initial layout: file i owns blocks (i-1)*LBlocks+1 .. i*LBlocks.    *)
(* A file that is some defrag's orig holds written zeros; a file that is   *)
(* only a donor is fallocated: unwritten extents over Garbage.             *)
InitialMaps == [f \in Files |-> [lb \in LBs |-> (Address(f) - 1) * LBlocks + lb]]
OwnerOf(b)  == Inodes[(b - 1) \div LBlocks + 1]

EnvInit ==
    /\ emap = InitialMaps
    /\ disk = [b \in Blocks |-> IF OwnerOf(b) \in Origs THEN Zero ELSE Garbage]
    /\ unwritten = {k \in Keys : k[1] \notin Origs}
    /\ cache = [k \in {} |-> None]
    /\ pte = [k \in {} |-> None]
    /\ dio = {}
    /\ dior = {}
    /\ rwsem = [f \in Files |-> None]
    /\ ilock = [f \in Files |-> None]
    /\ ctime = [f \in Files |-> 0]
    /\ queried = [f \in Files |-> FALSE]
    /\ lastWrite = [k \in Keys |-> Zero]
    /\ issued = 0

NewWrite   == issued < MaxWrites
UsedBy(f)  == f \in UserFiles

(* The users' contract: no buffered write, write fault or store to a block *)
(* while a direct write to that block is in flight. The kernel does not    *)
(* order such a race: kiocb_invalidate_post_direct_write cannot drop a     *)
(* page dirtied meanwhile (dio_warn_stale_pagecache: "Page cache           *)
(* invalidation failure on direct I/O. Possible data corruption"), the     *)
(* stale page is written back over the direct write, and the write is lost *)
(* without any defrag. The kernel tests force such a schedule on ext4      *)
(* (finding F1, with a bare write fault) on a model whose cfg drops the    *)
(* contract (Uncontended <- AnyTime).                                      *)
Uncontended(k) == \A r \in dio : <<r.file, r.lblock>> # k
AnyTime(k)     == TRUE

(* file_modified / file_update_time: a write or write fault changes f's    *)
(* ctime and mtime before its data lands. Multigrain timestamps            *)
(* (inode_set_ctime_current): if ctime was queried since its last change   *)
(* the new value is a distinct fine-grained one; otherwise it is the       *)
(* coarse clock (one jiffy), which may not have ticked since the last      *)
(* change, leaving the value unchanged. MaxTime bounds the ticks: a model  *)
(* whose behaviours reach it says so in its header.                        *)
Touch(f) ==
    IF Clock = "none" THEN UNCHANGED timeVars
    ELSE /\ \/ ctime[f] < MaxTime /\ ctime' = [ctime EXCEPT ![f] = @ + 1]
            \/ ~queried[f] /\ UNCHANGED ctime
         /\ queried' = [queried EXCEPT ![f] = FALSE]

-----------------------------------------------------------------------------
(***************************************************************************)
(* Page-cache I/O (no DAX).                                                *)
(***************************************************************************)

(* ext4_buffered_write_iter / xfs_file_buffered_write: generic_perform_write *)
(* under i_rwsem exclusive. The data lands in the (possibly new) page,     *)
(* which is dirtied; its buffer mapping (blk) is the block the extent map  *)
(* names now. Acknowledged at return.                                      *)
BufferedWrite(f, lb) ==
    LET k == <<f, lb>>
        w == issued + 1
    IN /\ ~DAX /\ "buffered" \in Writers /\ UsedBy(f) /\ NewWrite /\ Uncontended(k)
       /\ rwsem[f] = None
       /\ cache' = Put(cache, k, [val |-> w, dirty |-> TRUE,
                                  blk |-> IF k \in DOMAIN cache THEN cache[k].blk ELSE emap[f][lb]])
       /\ Acked(k, w)
       /\ issued' = w
       /\ Touch(f)
       /\ UNCHANGED <<disk, emap, pte, dio, rwsem, ilock, defragVars>>

(* iomap_dio_rw submission (ext4_dio_write_iter, xfs_file_dio_write) under *)
(* i_rwsem, shared for an aligned overwrite: the block is looked up now    *)
(* and the bio will hit it whatever happens to the extent map meanwhile;   *)
(* inode_dio_begin counts it. The kernel also writes back and invalidates  *)
(* the cached range here; what readers see changes at completion.         *)
DioSubmit(f, lb) ==
    /\ ~DAX /\ "direct" \in Writers /\ UsedBy(f) /\ NewWrite
    /\ rwsem[f] = None
    /\ dio' = dio \cup {[file |-> f, lblock |-> lb, blk |-> emap[f][lb], val |-> issued + 1]}
    /\ issued' = issued + 1
    /\ Touch(f)
    /\ UNCHANGED <<disk, emap, unwritten, cache, pte, dior, rwsem, ilock, lastWrite, defragVars>>

(* Bio end_io + inode_dio_end, no inode lock: the captured block is        *)
(* written and the write is acknowledged; kiocb_invalidate_post_direct_write *)
(* drops (and unmaps) the cached page, so later reads see the block. (No   *)
(* user dirtied that page meanwhile: Uncontended.)                         *)
DioComplete(r) ==
    LET k == <<r.file, r.lblock>>
    IN /\ r \in dio
       /\ disk' = [disk EXCEPT ![r.blk] = r.val]
       /\ Acked(k, r.val)
       /\ dio' = dio \ {r}
       /\ cache' = Drop(cache, {k})
       /\ pte' = Drop(pte, {k})
       /\ UNCHANGED <<emap, rwsem, ilock, issued, timeVars, defragVars>>

(* A write fault (ext4_page_mkwrite, xfs_write_fault -> filemap fault +    *)
(* mkwrite) under the shared invalidate_lock: the page is filled from its  *)
(* block if absent, dirtied and mapped writable. Enabled only while a      *)
(* store may still follow.                                                 *)
MmapFault(f, lb) ==
    LET k == <<f, lb>>
    IN /\ ~DAX /\ "mmap" \in Writers /\ UsedBy(f) /\ NewWrite /\ Uncontended(k)
       /\ ilock[f] = None
       /\ ~(k \in DOMAIN pte /\ pte[k].writable)
       /\ pte' = Put(pte, k, [target |-> "page", writable |-> TRUE])
       /\ cache' = Put(cache, k,
              IF k \in DOMAIN cache THEN [cache[k] EXCEPT !.dirty = TRUE]
              ELSE [val |-> BlockData(f, lb), dirty |-> TRUE, blk |-> emap[f][lb]])
       /\ unwritten' = unwritten \ {k}
       /\ Touch(f)
       /\ UNCHANGED <<disk, emap, dio, dior, rwsem, ilock, lastWrite, issued, defragVars>>

(* A CPU store through a writable mapping: no lock, no kernel entry. It    *)
(* changes the (already dirty) page and is "acknowledged" at once.         *)
MmapStore(f, lb) ==
    LET k == <<f, lb>>
        w == issued + 1
    IN /\ ~DAX /\ NewWrite /\ Uncontended(k)
       /\ k \in DOMAIN pte /\ pte[k].writable
       /\ cache' = [cache EXCEPT ![k].val = w, ![k].dirty = TRUE]
       /\ Acked(k, w)
       /\ issued' = w
       /\ UNCHANGED <<disk, emap, pte, dio, rwsem, ilock, timeVars, defragVars>>

(* A buffered read that misses the cache (filemap_read -> readahead,       *)
(* filemap_create_folio) fills the page from its block, clean, under the   *)
(* shared invalidate_lock (and, on XFS, IOLOCK shared: xfs_file_buffered_read). *)
ReadFill(f, lb) ==
    LET k == <<f, lb>>
    IN /\ ~DAX /\ "buffered" \in Readers /\ UsedBy(f)
       /\ k \notin DOMAIN cache
       /\ ilock[f] = None /\ (Fs = "ext4" \/ rwsem[f] = None)
       /\ cache' = Put(cache, k, [val |-> BlockData(f, lb), dirty |-> FALSE, blk |-> emap[f][lb]])
       /\ UNCHANGED <<disk, emap, unwritten, pte, dio, dior, rwsem, ilock, lastWrite, issued, timeVars, defragVars>>

(* Writeback (ext4_writepages, iomap_writepages) of one dirty page to the  *)
(* block its buffer mapping names; page_mkclean write-protects its         *)
(* mapping, so the next store faults again. Takes no inode lock.           *)
Writeback(k) ==
    /\ ~DAX
    /\ k \in DOMAIN cache /\ cache[k].dirty
    /\ disk' = [disk EXCEPT ![cache[k].blk] = cache[k].val]
    /\ cache' = [cache EXCEPT ![k].dirty = FALSE]
    /\ pte' = IF k \in DOMAIN pte THEN [pte EXCEPT ![k].writable = FALSE] ELSE pte
    /\ UNCHANGED <<emap, unwritten, dio, dior, rwsem, ilock, lastWrite, issued, timeVars, defragVars>>

(* Memory-pressure reclaim (shrink_folio_list): a clean page is unmapped   *)
(* (try_to_unmap) and freed. Takes only the folio lock, no inode lock; the *)
(* next read fills the page again from whatever block the file maps then.  *)
ReclaimPage(k) ==
    /\ ~DAX /\ Reclaim
    /\ k \in DOMAIN cache /\ ~cache[k].dirty
    /\ cache' = Drop(cache, {k})
    /\ pte' = Drop(pte, {k})
    /\ UNCHANGED <<disk, emap, unwritten, dio, dior, rwsem, ilock, lastWrite, issued, timeVars, defragVars>>

(* An O_DIRECT read (ext4_dio_read_iter, xfs_file_dio_read) under shared   *)
(* i_rwsem: kiocb_write_and_wait has written back a dirty page of the      *)
(* range first (the read waits for Writeback), then the bio is submitted   *)
(* against the block mapped now and counted by inode_dio_begin. The ghost  *)
(* field ok holds what the read may return: what was acceptable at         *)
(* submission and every write acknowledged while it is in flight. An       *)
(* unwritten extent is zero-filled without I/O (a read of Zero, judged by  *)
(* Readable). Bound: one direct read in flight at a time. Reads do not     *)
(* change what other reads return, so each read's verdict is the same     *)
(* alone; one read suffices to hold up a drain.                           *)
DioReadSubmit(f, lb) ==
    LET k == <<f, lb>>
    IN /\ ~DAX /\ "direct" \in Readers /\ UsedBy(f)
       /\ dior = {}
       /\ rwsem[f] = None
       /\ k \notin unwritten
       /\ ~(k \in DOMAIN cache /\ cache[k].dirty)
       /\ dior' = dior \cup {[file |-> f, lblock |-> lb, blk |-> emap[f][lb], ok |-> Acceptable(k)]}
       /\ UNCHANGED <<disk, emap, unwritten, cache, pte, dio, rwsem, ilock, lastWrite, issued, timeVars, defragVars>>

(* The read's bio completes (inode_dio_end). The device may have read the *)
(* block at any moment while it was in flight: Guarantee.tla judges every *)
(* such moment.                                                           *)
DioReadComplete(f, lb) ==
    /\ \E r \in dior : <<r.file, r.lblock>> = <<f, lb>> /\ dior' = dior \ {r}
    /\ UNCHANGED <<disk, emap, unwritten, cache, pte, dio, rwsem, ilock, lastWrite, issued, timeVars, defragVars>>

-----------------------------------------------------------------------------
(***************************************************************************)
(* DAX I/O: no data page cache.                                            *)
(***************************************************************************)

(* ext4_dax_write_iter / xfs_file_dax_write: dax_iomap_rw under i_rwsem     *)
(* exclusive writes the block synchronously. Buffered and O_DIRECT writes  *)
(* of a DAX inode both take this path.                                     *)
DaxWrite(f, lb) ==
    LET k == <<f, lb>>
        w == issued + 1
    IN /\ DAX /\ Writers \cap {"buffered", "direct"} # {} /\ UsedBy(f) /\ NewWrite
       /\ rwsem[f] = None
       /\ disk' = [disk EXCEPT ![emap[f][lb]] = w]
       /\ Acked(k, w)
       /\ issued' = w
       /\ Touch(f)
       /\ UNCHANGED <<emap, cache, pte, dio, rwsem, ilock, defragVars>>

(* dax_iomap_fault (ext4_dax_huge_fault, xfs_dax_fault) under the shared   *)
(* invalidate_lock maps the physical block itself, zeroing an unwritten one. *)
DaxFault(f, lb) ==
    LET k == <<f, lb>>
    IN /\ DAX /\ "mmap" \in Writers /\ UsedBy(f) /\ NewWrite
       /\ ilock[f] = None
       /\ ~(k \in DOMAIN pte /\ pte[k].writable)
       /\ pte' = Put(pte, k, [target |-> emap[f][lb], writable |-> TRUE])
       /\ disk' = IF k \in unwritten THEN [disk EXCEPT ![emap[f][lb]] = Zero] ELSE disk
       /\ unwritten' = unwritten \ {k}
       /\ Touch(f)
       /\ UNCHANGED <<emap, cache, dio, dior, rwsem, ilock, lastWrite, issued, defragVars>>

(* A CPU store through a DAX mapping goes straight to the mapped block.    *)
DaxStore(f, lb) ==
    LET k == <<f, lb>>
        w == issued + 1
    IN /\ DAX /\ NewWrite
       /\ k \in DOMAIN pte /\ pte[k].writable
       /\ disk' = [disk EXCEPT ![pte[k].target] = w]
       /\ Acked(k, w)
       /\ issued' = w
       /\ UNCHANGED <<emap, cache, pte, dio, rwsem, ilock, timeVars, defragVars>>

(* A user's fstat (or statx) reads ctime and marks it queried, so the next *)
(* change gets a distinct fine-grained value (multigrain timestamps).     *)
Stat(f) ==
    /\ Clock = "multigrain" /\ UsedBy(f) /\ ~queried[f]
    /\ queried' = [queried EXCEPT ![f] = TRUE]
    /\ UNCHANGED <<disk, emap, unwritten, cache, pte, dio, dior, rwsem, ilock, ctime, lastWrite, issued,
                   defragVars>>

-----------------------------------------------------------------------------
(***************************************************************************)
(* Defrag control, shared by the protocol modules.                         *)
(***************************************************************************)
(* Defrag d's next step is `next`.                                         *)
Goto(d, next) == step' = [step EXCEPT ![d] = next]

(* The order in which d takes the two inodes' locks of one class: inode    *)
(* address order (lock_two_nondirectories, filemap_invalidate_lock_two,    *)
(* xfs_ilock2_io_mmap). CrossingUnordered overrides LockSeq by OrigFirst.  *)
InAddressOrder(d) == IF Address(Orig(d)) < Address(Donor(d))
                     THEN <<Orig(d), Donor(d)>> ELSE <<Donor(d), Orig(d)>>
LockSeq(d)   == InAddressOrder(d)
OrigFirst(d) == <<Orig(d), Donor(d)>>

(* Take the next of d's two locks of class `lock` (rwsem or ilock),        *)
(* blocking while another holder has it; once both are held go to `next`.  *)
TakeNext(lock, d, next) ==
    LET f == IF lock[LockSeq(d)[1]] = d THEN LockSeq(d)[2] ELSE LockSeq(d)[1]
    IN /\ lock[f] = None
       /\ lock' = [lock EXCEPT ![f] = d]
       /\ IF f = LockSeq(d)[2] THEN Goto(d, next) ELSE UNCHANGED step

(* An ablation model replaces one step by Skip in its cfg (e.g.            *)
(* `DrainDio <- SkipDrainDio` with SkipDrainDio(d) == Skip(d, "DrainDio",   *)
(* "FlushCache")): the step does nothing but pass on.                      *)
Skip(d, this, next) == step[d] = this /\ Goto(d, next) /\ UNCHANGED <<envVars, cursor, sample>>

(* filemap_write_and_wait(_range) over the pages ks: every dirty page is   *)
(* written to its block and cleaned, its mapping write-protected           *)
(* (folio_clear_dirty_for_io -> page_mkclean). With DAX there are no pages: *)
(* dax_writeback_mapping_range write-protects the dirty entries' PTEs      *)
(* (dax_writeback_one), so the next store faults again.                    *)
WriteBack(ks) ==
    LET dirty == {k \in DOMAIN cache \cap ks : cache[k].dirty}
    IN /\ disk' = [b \in Blocks |->
                     IF \E k \in dirty : cache[k].blk = b
                     THEN cache[CHOOSE k \in dirty : cache[k].blk = b].val
                     ELSE disk[b]]
       /\ cache' = [k \in DOMAIN cache |->
                      IF k \in dirty THEN [cache[k] EXCEPT !.dirty = FALSE] ELSE cache[k]]
       /\ pte' = [k \in DOMAIN pte |->
                      IF k \in dirty \/ (DAX /\ k \in ks) THEN [pte[k] EXCEPT !.writable = FALSE]
                      ELSE pte[k]]

-----------------------------------------------------------------------------
(***************************************************************************)
(* ext4_swap_extents(..., mark_unwritten = 1) over lblocks lbs of defrag   *)
(* d, the extent exchange of EXT4_IOC_MOVE_EXT (and of the seed's DECS):   *)
(* the orig keeps its own written/unwritten state, the donor's range       *)
(* becomes unwritten, so it reads Zero and never exposes the orig's old    *)
(* data. The donor's expected content is therefore Zero (its ghost last    *)
(* write, and what a direct read of it in flight may return).              *)
(***************************************************************************)
Ext4SwapExtents(d, lbs) ==
    LET donorKeys == {Donor(d)} \X lbs
    IN /\ emap' = [emap EXCEPT
              ![Orig(d)]  = [lb \in LBs |-> IF lb \in lbs THEN emap[Donor(d)][lb] ELSE emap[Orig(d)][lb]],
              ![Donor(d)] = [lb \in LBs |-> IF lb \in lbs THEN emap[Orig(d)][lb] ELSE emap[Donor(d)][lb]]]
       /\ unwritten' = unwritten \cup donorKeys
       /\ lastWrite' = [k \in Keys |-> IF k \in donorKeys THEN Zero ELSE lastWrite[k]]
       /\ dior' = {IF <<r.file, r.lblock>> \in donorKeys THEN [r EXCEPT !.ok = @ \cup {Zero}] ELSE r : r \in dior}

(***************************************************************************)
(* The exchange of XFS (xfs_swap_extent_forks for SWAPEXT, the deferred    *)
(* xfs_exchange_mappings for exchange-range; the same end state): each     *)
(* file of defrag d takes the other's blocks WITH their written/unwritten  *)
(* state (it is part of the extent record). The donor's expected content   *)
(* becomes the orig's old content (its ghost last write, and what a direct *)
(* read of it in flight may return); the orig's is unchanged.              *)
(***************************************************************************)
XfsExchangeMappings(d) ==
    LET o == Orig(d)
        t == Donor(d)
    IN /\ emap' = [emap EXCEPT ![o] = emap[t], ![t] = emap[o]]
       /\ unwritten' = {k \in unwritten : k[1] \notin {o, t}}
                       \cup {<<o, lb>> : lb \in {x \in LBs : <<t, x>> \in unwritten}}
                       \cup {<<t, lb>> : lb \in {x \in LBs : <<o, x>> \in unwritten}}
       /\ lastWrite' = [k \in Keys |-> IF k[1] = t THEN lastWrite[<<o, k[2]>>] ELSE lastWrite[k]]
       /\ dior' = {IF r.file = t THEN [r EXCEPT !.ok = @ \cup {lastWrite[<<o, r.lblock>>]}] ELSE r
                   : r \in dior}

-----------------------------------------------------------------------------
(***************************************************************************)
(* What a read started now returns, by path, and who may run it. DAX       *)
(* reads (dax_iomap_rw) and O_DIRECT reads take i_rwsem shared; a          *)
(* buffered read of a cached page takes no inode lock on ext4              *)
(* (generic_file_read_iter) but IOLOCK shared on XFS; a miss also takes    *)
(* the shared invalidate_lock; a read through a mapping of a page takes    *)
(* nothing. A read that would block returns nothing now.                   *)
(***************************************************************************)
Readable(f, lb) ==
    LET k == <<f, lb>>
        bufferedOk == Fs = "ext4" \/ rwsem[f] = None
    IN  (IF ~DAX /\ k \in DOMAIN cache /\ bufferedOk THEN {cache[k].val} ELSE {})
    \cup (IF ~DAX /\ k \in DOMAIN pte /\ k \in DOMAIN cache THEN {cache[k].val} ELSE {})
    \cup (IF ~DAX /\ k \notin DOMAIN cache /\ bufferedOk /\ ilock[f] = None
          THEN {BlockData(f, lb)} ELSE {})
    \cup (IF DAX /\ rwsem[f] = None THEN {BlockData(f, lb)} ELSE {})
    \cup (IF DAX /\ k \in DOMAIN pte THEN {disk[pte[k].target]} ELSE {})

-----------------------------------------------------------------------------
(* Every environment step, named by its action (TLC names a step by the   *)
(* action it took only where Next quantifies over constant sets: Dio and  *)
(* Keys here, the actions themselves test membership in dio and cache).   *)
EnvNext ==
    \/ \E f \in Files, lb \in LBs :
          \/ BufferedWrite(f, lb) \/ DioSubmit(f, lb) \/ MmapFault(f, lb) \/ MmapStore(f, lb)
          \/ ReadFill(f, lb) \/ DioReadSubmit(f, lb) \/ DioReadComplete(f, lb)
          \/ DaxWrite(f, lb) \/ DaxFault(f, lb) \/ DaxStore(f, lb)
    \/ \E f \in Files : Stat(f)
    \/ \E r \in Dio : DioComplete(r)
    \/ \E k \in Keys : Writeback(k) \/ ReclaimPage(k)

(* No write is left to issue and no direct I/O is in flight. A user file   *)
(* whose ctime reached MaxTime (queried: no further change can be          *)
(* modelled, see Touch) also counts as done: a bound, not a deadlock.      *)
ClockExhausted == Clock = "multigrain" /\ \E f \in UserFiles : ctime[f] = MaxTime
EnvQuiet == (issued = MaxWrites \/ Writers = {} \/ ClockExhausted) /\ dio = {} /\ dior = {}

(* Fairness the kernel gives the environment: a submitted bio completes    *)
(* (the device answers; an error completes it too), and the flusher        *)
(* threads eventually write dirty pages. Users get none: they may stop.    *)
EnvFairness ==
    /\ WF_envVars(\E r \in dio : DioComplete(r))
    /\ WF_envVars(\E f \in Files, lb \in LBs : DioReadComplete(f, lb))
    /\ WF_envVars(\E k \in DOMAIN cache : Writeback(k))

EnvTypeOK ==
    /\ disk \in [Blocks -> Values]
    /\ emap \in [Files -> [LBs -> Blocks]]
    /\ unwritten \subseteq Keys
    /\ DOMAIN cache \subseteq Keys /\ \A k \in DOMAIN cache : cache[k] \in Page
    /\ DOMAIN pte \subseteq Keys /\ \A k \in DOMAIN pte : pte[k] \in Pte
    /\ dio \subseteq Dio
    /\ dior \subseteq DioRd
    /\ rwsem \in [Files -> DefragIds \cup {None}]
    /\ ilock \in [Files -> DefragIds \cup {None}]
    /\ ctime \in [Files -> 0..MaxTime]
    /\ queried \in [Files -> BOOLEAN]
    /\ lastWrite \in [Keys -> Values]
    /\ issued \in 0..MaxWrites
=============================================================================
