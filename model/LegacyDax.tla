------------------------------ MODULE LegacyDax ------------------------------
\* The legacy protocol with DAX: the corruption of the 2016 thread
\* (Ross Zwisler, ext4/307 and ext4/308). Expected: NoExposure violated.
\* Counterexample (5 states): the defrag locks both inodes, drains, and moves
\* page 1: the orig now maps the donor's former block, which still holds Garbage,
\* while the orig's data sits only in a page-cache page that DAX reads never
\* consult and DAX writeback never writes. The next read of orig block 1
\* returns the donor's stale content (and Integrity fails with it).
\* Bounds: 2 blocks per file, 3 writes, as LegacyNoDax; the violation needs no write.
EXTENDS DefragProperties

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
