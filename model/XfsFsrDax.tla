------------------------------ MODULE XfsFsrDax ------------------------------
\* xfs_fsr + XFS_IOC_SWAPEXT without DAX; buffered, direct and mmap writers
\* on the target, buffered readers. HEADER FILLED IN AFTER THE RUN.
EXTENDS XfsFsr

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
