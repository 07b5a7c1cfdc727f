-------------------- MODULE DecsLiveDonor --------------------
\* xfstests ext4/302: the orig and the donor are both in use while they are
\* defragmented, written with O_DIRECT and read buffered and direct, with
\* reclaim. The protocol's duties toward the donor (drain its direct I/O,
\* flush and evict its range) are exercised. Expected: success.
\* Bounds: 2 blocks per file, 2 writes.
EXTENDS Decs

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
