package defragcheck.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

import defragcheck.impl.cache.PageKey;
import defragcheck.impl.defrag.DefragOptions;
import defragcheck.impl.defrag.MoveExtents;
import defragcheck.impl.defrag.Protocol;
import defragcheck.impl.defrag.WholeFileDefrag;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.fs.InodeFlag;
import defragcheck.impl.observe.BlockPayload;
import defragcheck.impl.observe.BlockValue;
import defragcheck.impl.observe.ContentCheck;

/**
 * Sequences of operations on a real image against a model of file contents (logical block → last write): buffered,
 * direct and mmap writes, reads, writeback, moves with both protocols (legacy only on the non-DAX file: on DAX it
 * loses data, which LegacyUnderDaxTest asserts), whole-file defrags, and close/reopen. Every read and, at the end,
 * every block must equal the model.
 */
class FileOperationsPropertyTest {
    private static final int BLOCKS = 12;
    private static final String[] FILES = {"plain", "dax"};

    sealed interface Op permits Write, Read, Writeback, Move, Defrag, Remount {}

    /** kind 0 buffered, 1 direct, 2 mmap. */
    record Write(int file, int lblock, int kind) implements Op {}

    /** A buffered read (the reader view) or a direct read (writes back a dirty page first). */
    record Read(int file, int lblock, boolean direct) implements Op {}

    record Writeback() implements Op {}

    record Move(int file, int start, int length, boolean legacy) implements Op {}

    record Defrag(int file) implements Op {}

    record Remount() implements Op {}

    private Path dir;

    @BeforeProperty
    void makeDir() throws IOException {
        dir = Files.createTempDirectory("defragcheck-ops");
    }

    @AfterProperty
    void removeDir() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Integer> file = Arbitraries.integers().between(0, 1);
        Arbitrary<Integer> block = Arbitraries.integers().between(0, BLOCKS - 1);
        Arbitrary<Op> write = Combinators.combine(file, block, Arbitraries.integers().between(0, 2)).as(Write::new);
        Arbitrary<Op> read = Combinators.combine(file, block, Arbitraries.of(false, true)).as(Read::new);
        Arbitrary<Op> move = Combinators.combine(file, Arbitraries.integers().between(0, BLOCKS - 1), Arbitraries.integers().between(1, BLOCKS),
                Arbitraries.of(false, true)).as((f, s, n, legacy) -> new Move(f, s, Math.min(n, BLOCKS - s), legacy && f == 0));
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, write), net.jqwik.api.Tuple.of(3, read), net.jqwik.api.Tuple.of(1, Arbitraries.just(new Writeback())),
                net.jqwik.api.Tuple.of(4, move), net.jqwik.api.Tuple.of(1, file.map(Defrag::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Remount())));
        return op.list().ofMaxSize(30);
    }

    @Property(tries = 40)
    void contentsFollowTheModel(@ForAll("operations") List<Op> ops) throws Exception {
        Path image = Files.createTempFile(dir, "ops", ".img");
        Map<PageKey, BlockValue> model = new HashMap<>();
        long seq = 0;
        Filesystem fs = Filesystem.format(image, 512);
        try {
            for (int f = 0; f < FILES.length; f++) {
                Inode orig = f == 1 ? fs.names().create(FILES[f], InodeFlag.DAX) : fs.names().create(FILES[f]);
                fs.space().fallocate(orig, 0, BLOCKS);
                Inode donor = f == 1 ? fs.names().create("donor" + f, InodeFlag.DAX) : fs.names().create("donor" + f);
                fs.space().fallocate(donor, 0, BLOCKS);
            }
            for (Op op : ops) {
                if (op instanceof Write w) {
                    Inode f = fs.names().lookup(FILES[w.file()]);
                    byte[] data = BlockPayload.encode(f.ino(), w.lblock(), w.kind(), ++seq);
                    switch (w.kind()) {
                        case 0 -> fs.buffered().write("w", f, w.lblock(), data);
                        case 1 -> fs.direct().write("w", f, w.lblock(), data);
                        default -> fs.mmap().write("w", f, w.lblock(), data);
                    }
                    model.put(new PageKey(w.file(), w.lblock()), BlockPayload.decode(data));
                } else if (op instanceof Read r) {
                    Inode f = fs.names().lookup(FILES[r.file()]);
                    byte[] got = r.direct() ? fs.direct().read("r", f, r.lblock()) : fs.buffered().read("r", f, r.lblock());
                    assertEquals(expected(model, f, r.file(), r.lblock()), BlockPayload.decode(got), op.toString());
                } else if (op instanceof Writeback) {
                    fs.writeback().writebackAll("flusher");
                } else if (op instanceof Move m) {
                    MoveExtents.moveExtents(m.legacy() ? Protocol.LEGACY : Protocol.DECS, fs.names().lookup(FILES[m.file()]),
                            fs.names().lookup("donor" + m.file()), m.start(), m.start(), m.length(), DefragOptions.defaults().withCopyThreads(2));
                } else if (op instanceof Defrag d) {
                    WholeFileDefrag.run(fs.names().lookup(FILES[d.file()]), Protocol.DECS, DefragOptions.defaults());
                } else if (op instanceof Remount) {
                    fs.close();
                    fs = Filesystem.open(image);
                }
            }
            for (int file = 0; file < FILES.length; file++) {
                Inode f = fs.names().lookup(FILES[file]);
                int fileIndex = file;
                ContentCheck.Report r = ContentCheck.verify(f, l -> expected(model, f, fileIndex, l));
                assertTrue(r.intact(), FILES[file] + ": " + r);
            }
        } finally {
            fs.close();
            Files.delete(image);
        }
    }

    private static BlockValue expected(Map<PageKey, BlockValue> model, Inode f, int file, long lblock) {
        return model.getOrDefault(new PageKey(file, lblock), BlockValue.ZERO);
    }
}
