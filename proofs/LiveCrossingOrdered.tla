-------------------- MODULE LiveCrossingOrdered --------------------
\* Two defrags on crossing inode pairs with address-ordered locking: not only
\* no deadlock (model/CrossingOrdered) but both complete and release their
\* locks for good. Expected: success. No users, 1 block per file.
EXTENDS DecsLiveness

TwoFiles      == <<"f1", "f2">>                    \* inode-address order
CrossingPairs == << [orig |-> "f1", donor |-> "f2"],
                   [orig |-> "f2", donor |-> "f1"] >>
=============================================================================
