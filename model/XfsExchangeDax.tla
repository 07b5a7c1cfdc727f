------------------------------ MODULE XfsExchangeDax ------------------------------
\* XFS_IOC_EXCHANGE_RANGE alone on DAX files; write(2) and mmap writers.
\* Expected: Integrity violated (no freshness check).
\* Bounds: as XfsExchangeNoDax, no readers.
\* Counterexample (15 states): as XfsExchangeNoDax with a DaxWrite of 1 to
\* orig block 1 after the copy; the exchange gives orig the staging blocks.
\* XfsExchangeDaxCause.cfg: no structural diagnostic fails; Integrity.
EXTENDS XfsExchange

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
