package defragcheck.impl.defrag;

/** The two ways to move extents. */
public enum Protocol {
    /** ext4's move_extent_per_page: page-cache copy, one page at a time; the data reaches the new block at writeback. */
    LEGACY,
    /** Jan Kara's drain-evict-copy-swap: lock, drain DIO, flush, evict, copy directly, swap, unlock. */
    DECS
}
