package defragcheck.cli;

import defragcheck.bench.PatternCheck;
import defragcheck.impl.defrag.DefragOptions;
import defragcheck.impl.defrag.DefragRefusedException;
import defragcheck.impl.defrag.DefragReport;
import defragcheck.impl.defrag.WholeFileDefrag;
import defragcheck.impl.device.BlockDevice;
import defragcheck.impl.device.DeviceAccess;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.FragmentedFile;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.fs.InodeFlag;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * {@code image}: creates an image, writes a fragmented file into it, defragments it with the chosen
 * protocol, verifies every block, then closes the image, reopens it and verifies again (the result
 * must be durable, not just cached).
 */
public final class ImageCommand {
    static final String FILE = "fragmented";
    private static final int WRITER = 1;

    private ImageCommand() {}

    /**
     * 0: defragmented and intact; 1: the data did not survive; 2: bad input or an I/O error (the image, if this run
     * created it, is then removed, also when the run is interrupted).
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (List.of(args).contains("--help")) {
            out.println(ImageOptions.USAGE);
            return 0;
        }
        ImageOptions o;
        try {
            o = ImageOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("image: " + e.getMessage());
            return 2;
        }
        try (OwnedFile image = new OwnedFile(o.image())) {
            int exit = execute(o, image, out);
            image.keep();
            return exit;
        } catch (IOException | RuntimeException e) {
            err.println("image: " + oneLine(e));
            return 2;
        }
    }

    private static int execute(ImageOptions o, OwnedFile image, PrintStream out) throws IOException {
        DeviceAccess access = o.bufferedDevice() ? DeviceAccess.BUFFERED : DeviceAccess.DIRECT;
        long fileBlocks = (o.fileMib() << 20) / BlockDevice.BLOCK_SIZE;
        PatternCheck afterDefrag;
        int ino;
        Filesystem formatted;
        try {
            formatted = Filesystem.formatNew(o.image(), (o.sizeMib() << 20) / BlockDevice.BLOCK_SIZE, access);
        } catch (IOException | RuntimeException e) {
            image.keep(); // not ours: formatNew refused to create it, or removed what it created
            throw e;
        }
        try (Filesystem fs = formatted) {
            InodeFlag[] flags = o.dax() ? new InodeFlag[] {InodeFlag.DAX} : new InodeFlag[0];
            Inode file = FragmentedFile.create(fs, FILE, fileBlocks, o.fragment() / BlockDevice.BLOCK_SIZE, WRITER, flags);
            ino = file.ino();
            out.printf(Locale.ROOT, "image %s: %d MiB (%s), file '%s' %d MiB%s in %d KiB fragments: %d extents%n", o.image(),
                    o.sizeMib(), access.name().toLowerCase(Locale.ROOT), FILE, o.fileMib(), o.dax() ? " (DAX)" : "",
                    o.fragment() / 1024, fs.space().extents(file).size());
            DefragReport report = WholeFileDefrag.run(file, o.protocol(), DefragOptions.defaults());
            out.printf(Locale.ROOT, "defrag %s: %d -> %d extents, %d blocks moved in %.3f s (%.1f MiB/s)%n",
                    o.protocol().name().toLowerCase(Locale.ROOT), report.extentsBefore(), report.extentsAfter(), report.blocksMoved(),
                    report.nanos() / 1e9, o.fileMib() / (report.nanos() / 1e9));
            afterDefrag = FileContent.verify(fs, file, WRITER, 1);
            out.println("verify: " + afterDefrag);
        }
        PatternCheck reopened;
        try (Filesystem fs = Filesystem.open(o.image(), access)) {
            Inode file = fs.names().lookup(FILE);
            if (file == null || file.ino() != ino) {
                throw new IOException("after reopening, '" + FILE + "' is missing from " + o.image());
            }
            out.printf("reopened: %d extents%n", fs.space().extents(file).size());
            reopened = FileContent.verify(fs, file, WRITER, 1);
            out.println("verify after reopen: " + reopened);
        }
        boolean intact = afterDefrag.intact() && reopened.intact();
        out.println(intact ? "OK: defragmented and every block intact" : "CORRUPTED: the defrag lost data (see above)");
        return intact ? 0 : 1;
    }

    static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof DefragRefusedException r) {
            m = "defrag refused (" + r.reason() + "): " + m;
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
