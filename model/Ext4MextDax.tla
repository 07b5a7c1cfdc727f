------------------------------ MODULE Ext4MextDax ------------------------------
\* ext4's 2025 MOVE_EXT on DAX files, as the kernel does it: mext_check_validity
\* refuses a DAX orig with -EOPNOTSUPP before anything moves, and the ioctl
\* unlocks and returns. DAX writers (write, fault, store) run around it.
\* Expected: no violation (trivially: the defrag only takes and drops i_rwsem).
\* Bounds: the smallest that still lets every DAX writer act on both blocks
\* while the ioctl holds i_rwsem: 2 blocks, 2 writes.
EXTENDS Ext4Mext

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
