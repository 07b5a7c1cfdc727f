-------------------- MODULE LiveDefrag --------------------
\* Liveness of the whole defrag: under LiveSpec (users get no fairness) every
\* defrag reaches Done. All writer kinds: users hold no lock across steps, so
\* once a defrag step is enabled it stays enabled. Expected: holds.
\* Bounds: 2 blocks per file, 2 writes.
EXTENDS Decs

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
