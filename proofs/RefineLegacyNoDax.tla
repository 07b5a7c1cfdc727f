-------------------- MODULE RefineLegacyNoDax --------------------
\* Refinement: the legacy protocol without DAX implements PlainFile. Bounds as
\* model/LegacyNoDax. Expected: success.
EXTENDS Ext4Legacy, FileView

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
