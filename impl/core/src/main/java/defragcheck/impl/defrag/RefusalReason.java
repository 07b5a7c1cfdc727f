package defragcheck.impl.defrag;

/** Why EXT4_IOC_MOVE_EXT refuses, with the errno the kernel returns. */
public enum RefusalReason {
    DIFFERENT_FILESYSTEMS("EXDEV", "orig and donor are on different filesystems"),
    SAME_INODE("EINVAL", "orig and donor are the same inode"),
    NOT_REGULAR("EINVAL", "orig and donor must both be regular files"),
    IMMUTABLE("EPERM", "the donor is immutable or append-only"),
    SWAPFILE("ETXTBSY", "orig or donor is an active swap file"),
    MISALIGNED("EINVAL", "offsets and length must be multiples of the 4096-byte block"),
    OUT_OF_RANGE("EINVAL", "the range is empty, negative or beyond the end of a file"),
    NO_DATA("ENODATA", "orig has no blocks in the range"),
    DONOR_HOLE("ENODATA", "the donor has no blocks for part of the range (fallocate it first)"),
    NO_SPACE("ENOSPC", "not enough contiguous free space for a donor");

    private final String errno;
    private final String text;

    RefusalReason(String errno, String text) {
        this.errno = errno;
        this.text = text;
    }

    public String errno() {
        return errno;
    }

    public String text() {
        return text;
    }
}
