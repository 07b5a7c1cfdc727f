-------------------- MODULE LegacyNoDax --------------------
\* ext4's move_extent_per_page (Ext4Legacy.tla, <= 6.18) without DAX, the same
\* users as DecsNoDax. Expected: success: the moved data sits in a dirty orig
\* page that every read consults and that writeback writes to the new block.
\* Bounds: 2 blocks per file (two per-page steps), 3 writes.
EXTENDS Ext4Legacy

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
