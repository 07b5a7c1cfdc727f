-------------------- MODULE RefineDecsNoFlush --------------------
\* Teeth: drain-evict-copy-swap without the flush (model/DecsNoFlush) loses a
\* buffered write, and the refinement must say so, not only Integrity.
\* Expected: AbstractSpec violated: the eviction drops the dirty page holding
\* write 1, so the orig's block 1 shows Zero again; no step of PlainFile turns
\* an acknowledged write back into the initial value.
EXTENDS Decs, FileView

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
SkipFlushCache(d) == Skip(d, "FlushCache", "EvictCache")
=============================================================================
