-------------------- MODULE DecsCrashNoReplay --------------------
\* Ablation: recovery ignores the journal and mounts the home maps as they are
\* (cfg: Applies <- AppliesNone). Buffered writers with fsync.
\* Expected: DurableIntegrity violated.
\* Counterexample (16 states): the defrag copies, logs and commits the swap (the
\* maps switch to blocks 3 and 4; the checkpoint that writes them home is still
\* pending) and unlocks. A buffered write of 1 to orig lblock 1 lands in its
\* page (block 3), and fsync writes it back and flushes: write 1 is durable in
\* block 3. Power fails before the checkpoint. Recovery skips the committed
\* record: the orig maps its old block 1 again, which holds Zero. The fsynced
\* write 1 is lost.
\* DecsCrashNoReplayCause.cfg names the structural cause, with the checkpoint
\* writing each inode's map home in its own device write (14 states): the swap
\* commits, the checkpoint writes the orig's new map home, power fails before
\* the donor's; recovery without replay mounts the home maps as they are, and
\* both files map blocks 3 and 4 (Conservation), which replaying the still
\* committed record would have repaired.
\* Bounds: 2 blocks per file, 1 write (the one fsync must keep), 1 crash.
EXTENDS DecsCrash

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
