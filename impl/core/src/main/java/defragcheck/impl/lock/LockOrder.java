package defragcheck.impl.lock;

import java.util.List;

import defragcheck.impl.fs.Inode;

/** lock_two_nondirectories' rule: two inodes are always locked lower inode number first, so crossing moves cannot deadlock. */
public final class LockOrder {
    private LockOrder() {}

    public static List<Inode> ordered(Inode a, Inode b) {
        return a.ino() <= b.ino() ? List.of(a, b) : List.of(b, a);
    }
}
