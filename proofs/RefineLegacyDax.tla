--------------------------- MODULE RefineLegacyDax ---------------------------
\* Refinement fails for the legacy protocol with DAX. Expected: TLC reports
\* the action property AbstractSpec violated: the MovePage step changes what a
\* reader of orig block 1 sees (Zero becomes the donor's Garbage) without being
\* a write, so it is no step of PlainFile.
EXTENDS Refinement

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
