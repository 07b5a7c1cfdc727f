package defragcheck.bench;

/** A physically contiguous byte range of a file on a device: where one piece of its data lives. */
public record Fragment(long offset, long length) {
    public Fragment {
        if (offset < 0 || length <= 0) {
            throw new IllegalArgumentException("fragment needs offset >= 0 and length > 0: " + offset + "+" + length);
        }
    }
}
