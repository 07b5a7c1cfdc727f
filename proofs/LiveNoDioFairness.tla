-------------------- MODULE LiveNoDioFairness --------------------
\* Without weak fairness of DioComplete the drain may wait forever. Expected:
\* liveness failure of DrainTerminates: a direct write is submitted, the defrag
\* takes its locks and reaches inode_dio_wait, and then the behaviour stutters
\* forever with the bio in flight.
EXTENDS DecsLiveness

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
