-------------------- MODULE DecsDax --------------------
\* drain-evict-copy-swap with DAX: writes, faults and stores reach the blocks.
\* Expected: success. The copy reads the blocks and the eviction tears down the
\* DAX mappings to the old ones, so the protocol never relies on the page cache.
\* Bounds: 3 blocks per file, 4 writes (the DAX state space is small).
EXTENDS Decs

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
