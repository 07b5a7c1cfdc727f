package defragcheck.impl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import defragcheck.impl.defrag.DefragOptions;
import defragcheck.impl.defrag.MoveExtents;
import defragcheck.impl.defrag.Protocol;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.observe.ContentCheck;

/**
 * Two defrags whose inodes cross (A into B's blocks while B moves into A's) lock in inode-number order, so they never
 * deadlock; both files keep their content.
 */
class CrossingMovesTest {
    private static final int BLOCKS = 8;
    private static final int ROUNDS = 40;

    @TempDir
    Path dir;

    @Test
    void crossingMovesFinishAndKeepContent() throws Exception {
        try (Filesystem fs = Filesystem.format(dir.resolve("img"), 256)) {
            Inode a = fs.names().create("a");
            Inode b = fs.names().create("b");
            for (Inode f : new Inode[] {a, b}) {
                fs.space().fallocate(f, 0, 2 * BLOCKS);
                for (int l = 0; l < BLOCKS; l++) {
                    fs.direct().write("setup", f, l, Fixture.write(f, l, Fixture.WRITER, 1));
                }
            }
            // A's first half moves into B's second half, and B's first half into A's second half, concurrently.
            CompletableFuture<Void> ab = CompletableFuture.runAsync(() -> moves(a, b, "ab"));
            CompletableFuture<Void> ba = CompletableFuture.runAsync(() -> moves(b, a, "ba"));
            CompletableFuture.allOf(ab, ba).get(60, TimeUnit.SECONDS);
            for (Inode f : new Inode[] {a, b}) {
                ContentCheck.Report r = ContentCheck.verify(f, l -> l < BLOCKS
                        ? new defragcheck.impl.observe.BlockValue.Written(f.ino(), l, Fixture.WRITER, 1)
                        : defragcheck.impl.observe.BlockValue.ZERO);
                assertTrue(r.intact(), f + ": " + r);
            }
        }
    }

    private static void moves(Inode orig, Inode donor, String id) {
        try {
            for (int i = 0; i < ROUNDS; i++) {
                MoveExtents.moveExtents(Protocol.DECS, orig, donor, 0, BLOCKS, BLOCKS, DefragOptions.defaults().withId(id).withCopyThreads(1));
            }
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }
}
