------------------------------ MODULE DecsNoDax ------------------------------
\* drain-evict-copy-swap without DAX, with buffered, direct and mmap
\* writers on the orig. Expected: no violation of any invariant, no deadlock.
\* Sufficiency of the protocol for the page-cache mode: whatever the writers do
\* before, during (blocked) and after the defrag, every read returns the last
\* completed write and no page, mapping or direct write refers to a block the
\* file no longer maps.
\* Bounds: 2 blocks per file, 3 writes (enough for a write before the defrag,
\* one in flight across it and one after); larger bounds repeat the patterns
\* (see the growth table of bench-models).
EXTENDS DefragProperties

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
