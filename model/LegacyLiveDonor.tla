-------------------- MODULE LegacyLiveDonor --------------------
\* ext4/302 on the legacy path: orig and donor written with O_DIRECT and read
\* directly while they are defragmented. Expected: success (both inodes are
\* locked and drained).
\* Bounds: 2 blocks per file, 2 writes.
EXTENDS Ext4Legacy

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
