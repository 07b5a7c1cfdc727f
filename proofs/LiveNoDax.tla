-------------------- MODULE LiveNoDax --------------------
\* Liveness of drain-evict-copy-swap without DAX, all writer kinds, under
\* LiveSpec (WF of the direct I/O completions, Writeback and each defrag step;
\* none for users): the drain terminates, the defrag completes, and the users'
\* locks are eventually free for good. Expected: success.
\* Bounds: 2 blocks per file, 2 writes.
EXTENDS DecsLiveness

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
