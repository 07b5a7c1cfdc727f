--------------------------- MODULE LiveCrashNoDax ----------------------------
\* Liveness of drain-evict-copy-swap with the journaled swap and one crash
\* (spec/DefragCrash.tla), without DAX, all writer kinds and fsync, under
\* CFairness (WF of DioComplete, Writeback, each defrag step, the checkpoint
\* and the recovery; none for writers, fsync or crashes): every journal record
\* is eventually freed (committed and checkpointed, or discarded by recovery)
\* and the defrag ends, by completing or by a crash, with the system up.
\* Expected: success. Bounds as model/DecsCrashNoDax.
EXTENDS DefragCrash

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
