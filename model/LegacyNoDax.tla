----------------------------- MODULE LegacyNoDax -----------------------------
\* The legacy protocol (move_extent_per_page) without DAX, all writer kinds.
\* Expected: no violation. This is what ext4 relied on from 2.6.31 to 6.18: the
\* moved data sits in a dirty orig page that every read consults and that
\* writeback writes to the new block.
\* Bounds: 2 blocks per file (two per-page steps), 3 writes.
EXTENDS DefragProperties

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
