package defragcheck.impl.cache;

/** A page's index: file (inode number) and logical block (one block per page, 4 KiB both). */
public record PageKey(int ino, long lblock) implements Comparable<PageKey> {
    @Override
    public int compareTo(PageKey o) {
        int c = Integer.compare(ino, o.ino);
        return c != 0 ? c : Long.compare(lblock, o.lblock);
    }
}
