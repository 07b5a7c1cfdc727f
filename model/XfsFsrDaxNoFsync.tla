------------------------------ MODULE XfsFsrDaxNoFsync ------------------------------
\* Ablation of XfsFsrDaxTicking: xfs_fsr without its fsync of the target
\* (FsyncOrig <- NoFsyncOrig). Expected: Integrity violated.
\* Counterexample (17 states): DaxFault on orig block 1 (ctime 0 -> 1, PTE to
\* block 1 writable); Bulkstat samples 1; (no fsync); CopyBlock 1 and 2 read
\* block 1 and 2 (Zero) through xfs_file_dax_read, which leaves the PTE
\* writable; SWAPEXT locks; a DaxStore of 1 through the PTE into block 1 (no
\* fault, no timestamp); FlushOrig unmaps; CheckFresh 1 = 1; SwapForks gives
\* orig the temp's blocks (Zero): the store is lost. Shows that on DAX the
\* target's fsync, not the copy, is what makes later stores visible to the
\* compare (XfsCommitDax is this story: the commit protocol has no such fsync).
EXTENDS XfsFsr

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
\* Every timestamp change lands in a new coarse tick (writers at least one
\* jiffy apart): the freshness compare sees every change.
TickTouch(f) ==
    /\ ctime[f] < MaxTime
    /\ ctime' = [ctime EXCEPT ![f] = @ + 1]
    /\ queried' = [queried EXCEPT ![f] = FALSE]
\* xfs_fsr without its fsync(fd) of the target (fsrfile_common).
NoFsyncOrig(d) == Skip(d, "FsyncOrig", "CopyBlock")
=============================================================================
