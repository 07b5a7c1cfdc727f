------------------------------ MODULE XfsCommitNoCheck ------------------------------
\* Ablation of XfsCommitNoDaxNoDio: COMMIT_RANGE without the freshness compare
\* (CheckFresh <- NoCheckFresh). Expected: Integrity violated.
\* Counterexample (16 states): StartCommit, CopyBlock 1 and 2 (Zero), a
\* BufferedWrite of 1 to orig block 1 (ctime 0 -> 1), the commit writes it
\* back to block 1, compares nothing, exchanges: orig block 1 reads Zero.
\* Shows the compare is what keeps the data in XfsCommitNoDaxNoDio.
EXTENDS XfsExchange

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
\* COMMIT_RANGE without the freshness compare.
NoCheckFresh(d) == Skip(d, "CheckFresh", "FlushUnmap2")
=============================================================================
