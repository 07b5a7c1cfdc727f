package defragcheck.impl.fs;

/** What an inode is; only regular files have data blocks that can be moved. */
public enum InodeType {
    REGULAR,
    DIRECTORY
}
