------------------------------- MODULE DecsDax -------------------------------
\* drain-evict-copy-swap with DAX, all writer kinds (a "direct" writer is
\* a synchronous DAX write here, as in ext4_dax_write_iter). Expected: no
\* violation, no deadlock. The protocol never relies on the page cache, so DAX
\* changes nothing: the copy reads the blocks, the eviction tears down the DAX
\* mappings to the old blocks.
\* Bounds: 3 blocks per file, 4 writes (the DAX state space is small: no page
\* cache and no asynchronous direct I/O).
EXTENDS DefragProperties

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
