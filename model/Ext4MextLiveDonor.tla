-------------------------- MODULE Ext4MextLiveDonor --------------------------
\* xfstests ext4/302: the donor is a live file too, written with O_DIRECT by
\* users around the move, and read with O_DIRECT; the orig the same (Writers
\* and Readers are one set for all user files). One defrag. Direct writes
\* cannot run during the move (i_rwsem of both, then inode_dio_wait): they run
\* before and after it, or are in flight when it starts and are drained.
\* Without buffered readers no user page of the donor is ever cached.
\* Expected: no violation: the orig is never wrong, and the donor reads zeros
\* from the moment its range is swapped (ext4_swap_extents marks it unwritten).
\* With buffered readers the donor's cached page goes stale:
\* Ext4MextLiveDonorCached.
\* Bounds: 2 files, 2 blocks, 2 writes (a direct write of the donor before the
\* move and one after, or one in flight when it starts), reclaim on.
EXTENDS Ext4Mext

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
