------------------------------ MODULE XfsCommitUnqueried ------------------------------
\* XfsCommitNoDaxNoDio with xfs_ioc_start_commit as in Linux 6.12
\* (inode_get_ctime/inode_get_mtime: ctime not marked queried), the version
\* before "xfs: port xfs_ioc_start_commit to multigrain timestamps" (Darrick
\* Wong, Dec 2024, Cc stable 6.13). Expected: Integrity violated.
\* Counterexample (16 states): StartCommit samples ctime 0 and marks nothing;
\* CopyBlock 1 and 2 (Zero); a BufferedWrite of 1 to orig block 1 whose
\* timestamp update leaves ctime 0 (coarse clock, not queried); the commit's
\* compare finds 0 = 0 and exchanges: write 1 is lost. Shows the queried mark
\* is needed (the 6.13 multigrain kernels without that fix had this window).
EXTENDS XfsExchange

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
\* xfs_ioc_start_commit as in Linux 6.12 (before "xfs: port
\* xfs_ioc_start_commit to multigrain timestamps"): inode_get_ctime and
\* inode_get_mtime, ctime not marked queried.
StartCommitUnqueried(d) ==
    /\ step[d] = "StartCommit"
    /\ rwsem[Orig(d)] = None /\ ilock[Orig(d)] = None
    /\ sample' = [sample EXCEPT ![d] = ctime[Orig(d)]]
    /\ Goto(d, "CopyBlock")
    /\ UNCHANGED <<envVars, cursor>>
=============================================================================
