-------------------- MODULE DecsNoDaxImpl --------------------
\* DecsNoDax in the environment the implementation's conformance rig
\* (conformance/src/test/java/defragcheck/conformance) reproduces on a real image:
\* writers on the orig only, readers that fill the cache, no direct reads, no
\* reclaim. The conformance tests replay its behaviours on the implementation
\* and validate the implementation's runs against it.
\* Expected: as DecsNoDax.
\* Bounds: 2 blocks per file, 3 writes.
EXTENDS Decs

OrigDonor == <<"orig", "donor">>                      \* inode-address order
OneDefrag == << [orig |-> "orig", donor |-> "donor"] >>
=============================================================================
