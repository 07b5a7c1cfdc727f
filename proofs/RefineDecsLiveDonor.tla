-------------------- MODULE RefineDecsLiveDonor --------------------
\* Refinement with a live donor (xfstests ext4/302): orig and donor written
\* with O_DIRECT and read while they are moved; the orig's data refines
\* PlainFile, the donor's writes use write numbers elsewhere. Bounds as
\* model/DecsLiveDonor. Expected: success.
EXTENDS Decs, FileView

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
