-------------------- MODULE DecsNoDonorDrain --------------------
\* Ablation: drain-evict-copy-swap waiting only for the orig's direct I/O, not
\* the donor's (cfg: DrainDio <- DrainOrigOnly), with the donor written with
\* O_DIRECT while in use (ext4/302).
\* TODO story
EXTENDS Decs

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
DrainOrigOnly(d) ==
    /\ step[d] = "DrainDio"
    /\ \A r \in dio \cup dior : r.file # Orig(d)
    /\ Goto(d, "FlushCache")
    /\ UNCHANGED <<envVars, cursor, sample>>
=============================================================================
