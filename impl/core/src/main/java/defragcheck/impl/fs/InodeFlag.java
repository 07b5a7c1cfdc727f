package defragcheck.impl.fs;

/** Per-inode attributes that change how data is accessed or whether its blocks may move. */
public enum InodeFlag {
    /** S_DAX: no data page cache; reads, writes and faults go straight to the device mapping. */
    DAX,
    /** chattr +i: the donor may not be changed (EPERM). */
    IMMUTABLE,
    /** chattr +a: the donor may only be appended to (EPERM). */
    APPEND_ONLY,
    /** An active swap file: its blocks are pinned (ETXTBSY). */
    SWAPFILE
}
