-------------------- MODULE DecsNoDonorEvict --------------------
\* Ablation: drain-evict-copy-swap flushing and evicting only the orig's range,
\* not the donor's (cfg: FlushCache <- FlushOrigOnly, EvictCache <-
\* EvictOrigOnly), with the donor written buffered while in use.
\* Expected: Integrity violated.
\* Counterexample (11 states): a buffered write of 1 to donor lblock 1 leaves a
\* dirty donor page (buffer mapped to block 3); the defrag flushes and evicts the
\* orig's range only, copies and swaps: the donor's range is now unwritten (its
\* content is Zero by design) but its page still serves the old write 1 to
\* donor readers, and once written back it would land in block 3, now the
\* orig's lblock 1.
\* Bounds: 2 blocks per file, 2 writes (one suffices).
EXTENDS Decs

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
FlushOrigOnly(d) ==
    LET dirty == {k \in DOMAIN cache : k[1] = Orig(d) /\ cache[k].dirty}
    IN /\ step[d] = "FlushCache"
       /\ disk' = [b \in Blocks |->
                     IF \E k \in dirty : cache[k].blk = b
                     THEN cache[CHOOSE k \in dirty : cache[k].blk = b].val
                     ELSE disk[b]]
       /\ cache' = [k \in DOMAIN cache |->
                      IF k \in dirty THEN [cache[k] EXCEPT !.dirty = FALSE] ELSE cache[k]]
       /\ pte' = [k \in DOMAIN pte |->
                      IF k \in dirty THEN [pte[k] EXCEPT !.writable = FALSE] ELSE pte[k]]
       /\ Goto(d, "EvictCache")
       /\ UNCHANGED <<emap, unwritten, dio, dior, rwsem, ilock, timeVars, lastWrite, issued,
                      cursor, sample>>
EvictOrigOnly(d) ==
    /\ step[d] = "EvictCache"
    /\ cache' = Drop(cache, KeysOf({Orig(d)}))
    /\ pte' = Drop(pte, KeysOf({Orig(d)}))
    /\ Goto(d, "CopyData")
    /\ UNCHANGED <<disk, emap, unwritten, dio, dior, rwsem, ilock, timeVars, lastWrite, issued,
                   cursor, sample>>
=============================================================================
