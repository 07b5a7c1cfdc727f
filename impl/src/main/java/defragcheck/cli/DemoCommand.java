package defragcheck.cli;

import defragcheck.bench.PatternCheck;
import defragcheck.harness.Leftovers;
import defragcheck.impl.cache.Page;
import defragcheck.impl.defrag.DefragOptions;
import defragcheck.impl.defrag.DefragReport;
import defragcheck.impl.defrag.Protocol;
import defragcheck.impl.defrag.WholeFileDefrag;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.FragmentedFile;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.fs.InodeFlag;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code demo}: on one real O_DIRECT image, three fragmented files are defragmented: a DAX file
 * with the legacy protocol (its data ends up in dirty page-cache pages that DAX never writes back,
 * while reads go to the donor's former blocks: corrupted), a DAX file with drain-evict-copy-swap
 * (intact), and a non-DAX file with the legacy protocol (intact: the bug needs DAX). The image is
 * then reopened and checked again.
 */
public final class DemoCommand {
    private static final String USAGE = "usage: demo [--dir PATH (java.io.tmpdir)] [--keep]";
    private static final String IMAGE_PREFIX = "defragcheck-demo";
    private static final int WRITER = 1;
    private static final long FILE_BLOCKS = 1024;     // 4 MiB
    private static final long FRAGMENT_BLOCKS = 16;   // 64 KiB
    private static final long IMAGE_BLOCKS = 8192;    // 32 MiB

    private record Case(String file, Protocol protocol, boolean dax, boolean expectIntact) {}

    private static final Case[] CASES = {
        new Case("dax-legacy", Protocol.LEGACY, true, false),
        new Case("dax-decs", Protocol.DECS, true, true),
        new Case("plain-legacy", Protocol.LEGACY, false, true),
    };

    private DemoCommand() {}

    /** 0: the demo showed what it claims; 1: it did not; 2: bad input or an I/O error. The image is removed in every outcome unless kept. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help" -> {
                    out.println(USAGE);
                    return 0;
                }
                case "--dir" -> {
                    if (++i >= args.length) {
                        err.println("demo: --dir needs a value; " + USAGE);
                        return 2;
                    }
                    dir = Path.of(args[i]);
                }
                case "--keep" -> keep = true;
                default -> {
                    err.println("demo: unknown option '" + args[i] + "'; " + USAGE);
                    return 2;
                }
            }
        }
        if (!Files.isDirectory(dir)) {
            err.println("demo: --dir " + dir + " is not a directory");
            return 2;
        }
        Leftovers.removeOrphans(dir, IMAGE_PREFIX); // images of demo runs that were killed
        // Owned (its removal hooked) before it exists: an interrupt right after the creation must not leave it.
        Path path = dir.resolve(Leftovers.name(IMAGE_PREFIX) + ".img");
        try (OwnedFile image = new OwnedFile(path)) {
            Files.createFile(path);
            boolean shown = demo(image.path(), out);
            if (keep) {
                image.keep();
                out.println("image kept: " + image.path());
            }
            return shown ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            err.println("demo: " + ImageCommand.oneLine(e));
            return 2;
        }
    }

    private static boolean demo(Path image, PrintStream out) throws IOException {
        out.printf("image %s: %d MiB, O_DIRECT; each file %d MiB in %d KiB fragments%n", image, IMAGE_BLOCKS / 256,
                FILE_BLOCKS / 256, FRAGMENT_BLOCKS * 4);
        Map<String, Integer> inodes = new LinkedHashMap<>();
        boolean shown = true;
        try (Filesystem fs = Filesystem.format(image, IMAGE_BLOCKS)) {
            for (Case c : CASES) {
                Inode file = c.dax()
                        ? FragmentedFile.create(fs, c.file(), FILE_BLOCKS, FRAGMENT_BLOCKS, WRITER, InodeFlag.DAX)
                        : FragmentedFile.create(fs, c.file(), FILE_BLOCKS, FRAGMENT_BLOCKS, WRITER);
                inodes.put(c.file(), file.ino());
                DefragReport report = WholeFileDefrag.run(file, c.protocol(), DefragOptions.defaults());
                PatternCheck check = FileContent.verify(fs, file, WRITER, 1);
                long dirty = fs.cache().range(file.ino(), 0, FILE_BLOCKS).values().stream()
                        .filter(Page::dirty).count();
                out.printf(Locale.ROOT, "%-12s %-6s %-7s extents %d -> %d, dirty pages left after sync %4d, reader sees: %s%n",
                        c.file(), c.protocol().name().toLowerCase(Locale.ROOT), c.dax() ? "DAX" : "non-DAX",
                        report.extentsBefore(), report.extentsAfter(), dirty, check);
                shown &= check.intact() == c.expectIntact();
            }
        }
        try (Filesystem fs = Filesystem.open(image)) {
            out.println("after close and reopen:");
            for (Case c : CASES) {
                Inode file = fs.names().lookup(c.file());
                if (file == null || file.ino() != inodes.get(c.file())) {
                    throw new IOException("'" + c.file() + "' is missing after reopening " + image);
                }
                PatternCheck check = FileContent.verify(fs, file, WRITER, 1);
                out.printf("%-12s reader sees: %s%n", c.file(), check);
                shown &= check.intact() == c.expectIntact();
            }
        }
        out.println(shown
                ? "shown: legacy move_extent_per_page corrupts a DAX file; drain-evict-copy-swap keeps it intact; legacy is fine without DAX"
                : "NOT shown: an outcome differed from the expectation above");
        return shown;
    }
}
