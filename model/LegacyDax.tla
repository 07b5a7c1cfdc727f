-------------------- MODULE LegacyDax --------------------
\* move_extent_per_page on DAX files, as the 2016 kernel ran it (ext4 refuses
\* it since 4.5): the corruption of the thread (Ross Zwisler, ext4/307, 308).
\* TODO story
EXTENDS Ext4Legacy

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
