-------------------- MODULE DecsCrashNoIntent --------------------
\* Ablation: no intent record; the swap is applied in place one block per step,
\* each durable with its own flush (ext4's per-page transactions of
\* move_extent_per_page; the old xfs_swap_extents loop with rmap). Cfg:
\* LogIntent <- SwapInPlace. Buffered writers.
\* TODO story
EXTENDS DecsCrash

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
