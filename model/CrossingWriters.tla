-------------------- MODULE CrossingWriters --------------------
\* Two DECS defrags on crossing inode pairs (f1 -> f2 and f2 -> f1), address-
\* ordered locks, with buffered and direct writers and readers on both files.
\* A file that serves as a donor loses its range by design (ext4_swap_extents
\* marks it unwritten: it reads Zero), so each file's expected content after
\* the other's defrag is Zero or a later write. Expected: success.
\* Bounds: 1 block per file, 2 writes.
EXTENDS Decs

TwoFiles      == <<"f1", "f2">>                    \* inode-address order
CrossingPairs == << [orig |-> "f1", donor |-> "f2"],
                   [orig |-> "f2", donor |-> "f1"] >>
=============================================================================
