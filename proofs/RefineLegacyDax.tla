-------------------- MODULE RefineLegacyDax --------------------
\* Refinement fails for the legacy protocol with DAX. Expected: TLC reports the
\* action property AbstractSpec violated (as a temporal property, exit 13): the
\* MovePage step makes a reader of orig block 1 see the donor's Garbage without
\* being a write, so it is no step of PlainFile.
EXTENDS Ext4Legacy, FileView

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
