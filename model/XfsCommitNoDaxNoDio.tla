------------------------------ MODULE XfsCommitNoDaxNoDio ------------------------------
\* XFS_IOC_START_COMMIT + XFS_IOC_COMMIT_RANGE, no DAX, with buffered and mmap
\* writers only (no O_DIRECT writer), buffered readers. Expected: success.
\* Bounds: as XfsCommitNoDax (2 blocks, 2 writes, MaxTime 2). Run once with
\* MaxWrites 3, MaxTime 3 and buffered + direct readers, before direct reads
\* were bounded to one in flight and the users' contract (Uncontended) was
\* stated: no error, 1,645,614 distinct / 8,655,893 states, depth 32,
\* 7 min 07 s (1 worker).
\* Why it holds: a buffered write holds IOLOCK exclusive across its timestamp
\* update and its copy, so it is wholly before or after START_COMMIT; a store
\* after the copy of its block needs a new fault (the O_DIRECT copy's write
\* back write-protected the page) and every change after START_COMMIT is a
\* distinct fine-grained ctime (queried). The ablations XfsCommitNoCheck and
\* XfsCommitUnqueried show both are needed.
EXTENDS XfsExchange

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>

=============================================================================
