-------------------- MODULE LiveCrashNoDax --------------------
\* Liveness of drain-evict-copy-swap with the journaled swap and one crash,
\* without DAX, all writer kinds and fsync, under LiveSpec (WF of the direct
\* I/O completions, Writeback, each defrag step, the checkpoint and the
\* recovery; none for users, fsync or crashes): every journal record is
\* eventually freed and the defrag ends, by completing or by a crash, with the
\* system up. Expected: success. Bounds as model/DecsCrashNoDax.
EXTENDS DecsCrash

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
