-------------------- MODULE CrossingUnordered --------------------
\* The same crossing defrags, each taking its orig's lock first and its donor's
\* second (cfg: LockSeq <- OrigFirst). Expected: deadlock (TLC's deadlock check;
\* every other model has a Terminated stutter step, so only real deadlocks are
\* reported). The cfg does not list LockOrder: it states exactly the order this
\* model breaks, and TLC would report it one step before the deadlock.
\* Counterexample (3 states): defrag 1 takes f1's i_rwsem, defrag 2 takes f2's;
\* each now waits for the lock the other holds.
\* Bounds: 1 block per file, no users.
EXTENDS Decs

TwoFiles      == <<"f1", "f2">>                    \* inode-address order
CrossingPairs == << [orig |-> "f1", donor |-> "f2"],
                   [orig |-> "f2", donor |-> "f1"] >>
=============================================================================
