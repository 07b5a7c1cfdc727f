package defragcheck.impl;

import java.io.IOException;

import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.fs.InodeFlag;
import defragcheck.impl.observe.BlockPayload;

/** Small files for scenario tests: orig with self-describing content on disk, donor fallocated (stale blocks). */
final class Fixture {
    static final int WRITER = 1;

    private Fixture() {}

    static Inode orig(Filesystem fs, int blocks, boolean dax) throws IOException {
        Inode orig = dax ? fs.names().create("orig", InodeFlag.DAX) : fs.names().create("orig");
        fs.space().fallocate(orig, 0, blocks);
        for (int l = 0; l < blocks; l++) {
            fs.buffered().write("setup", orig, l, BlockPayload.encode(orig.ino(), l, WRITER, 1));
        }
        fs.sync();
        return orig;
    }

    static Inode donor(Filesystem fs, int blocks, boolean dax) throws IOException {
        Inode donor = dax ? fs.names().create("donor", InodeFlag.DAX) : fs.names().create("donor");
        fs.space().fallocate(donor, 0, blocks);
        return donor;
    }

    static byte[] write(Inode f, long lblock, int writer, long seq) {
        return BlockPayload.encode(f.ino(), lblock, writer, seq);
    }
}
