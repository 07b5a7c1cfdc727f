-------------------- MODULE LegacyDax --------------------
\* move_extent_per_page on DAX files, as the 2016 kernel ran it (ext4 refuses
\* it since 4.5): the corruption of the thread (Ross Zwisler, ext4/307, 308).
\* Expected: NoExposure violated (Integrity with it).
\* Counterexample (6 states): the defrag locks both inodes (LockInodes, twice)
\* and drains; MovePage moves page 1: the orig now maps block 3, the donor's
\* fallocated block, which still holds Garbage, while the orig's data sits only
\* in a page-cache page that DAX reads never consult and DAX writeback never
\* writes. A DAX write fault (DaxFault, which takes only the invalidate_lock,
\* never held by this protocol) maps block 3 while the ioctl still runs: a load
\* through the mapping reads the donor's stale content.
\* Bounds: 2 blocks per file, 3 writes; the violation needs no write.
EXTENDS Ext4Legacy

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
