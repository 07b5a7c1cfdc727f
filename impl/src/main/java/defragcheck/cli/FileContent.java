package defragcheck.cli;

import defragcheck.bench.PatternCheck;
import defragcheck.bench.PayloadCheck;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.observe.BlockPayload;
import java.io.IOException;

/** Checks what a reader of a file sees against what was written to it. */
final class FileContent {
    private FileContent() {}

    /** Every block's reader view (cache for non-DAX, else the device) against write {@code seq} of {@code writer}. */
    static PatternCheck verify(Filesystem fs, Inode file, int writer, long seq) throws IOException {
        PatternCheck check = new PatternCheck();
        long blocks = file.sizeBlocks();
        for (long lb = 0; lb < blocks; lb++) {
            long l = lb;
            byte[] seen = fs.dataPath().readerView(file, l);
            check.add(lb, PayloadCheck.verdict(BlockPayload.decode(seen), file.ino(), lb, writer, seq));
        }
        return check;
    }
}
