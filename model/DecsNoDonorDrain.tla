-------------------- MODULE DecsNoDonorDrain --------------------
\* Ablation: drain-evict-copy-swap waiting only for the orig's direct I/O, not
\* the donor's (cfg: DrainDio <- DrainOrigOnly), with the donor written with
\* O_DIRECT while in use (ext4/302).
\* Expected: Integrity violated (DecsNoDonorDrainCause: Quiescence).
\* Counterexample (13 states): while the defrag takes the inode locks, a direct
\* write of 1 to donor lblock 1 is submitted (capturing block 3, the donor's);
\* the drain waits for the orig's direct I/O only; the copy writes Zero into
\* block 3 and the swap gives block 3 to the orig; after the unlock the bio
\* completes into block 3: the orig's lblock 1 now reads the donor's write 1,
\* data of another file.
\* Bounds: 2 blocks per file, 2 writes (one suffices).
EXTENDS Decs

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
DrainOrigOnly(d) ==
    /\ step[d] = "DrainDio"
    /\ \A r \in dio \cup dior : r.file # Orig(d)
    /\ Goto(d, "FlushCache")
    /\ UNCHANGED <<envVars, cursor, sample>>
=============================================================================
