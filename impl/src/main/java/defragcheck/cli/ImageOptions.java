package defragcheck.cli;

import defragcheck.bench.BenchOptions;
import defragcheck.impl.defrag.Protocol;
import defragcheck.impl.device.BlockDevice;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.Superblock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The {@code image} command line: {@code image --image PATH [--size-mib N] [--file-mib N]
 * [--fragment 4K|64K|1M] [--protocol decs|legacy] [--dax] [--buffered-device]}.
 */
public record ImageOptions(Path image, long sizeMib, long fileMib, int fragment, Protocol protocol, boolean dax,
                           boolean bufferedDevice) {
    public static final String USAGE = "usage: image --image PATH (must not exist) [--size-mib N (64)] [--file-mib N (16)]"
            + " [--fragment 4K|64K|1M (64K)] [--protocol decs|legacy (decs)] [--dax] [--buffered-device]";

    /** Parses and checks the arguments; a bad one is an IllegalArgumentException with a one-line message. */
    public static ImageOptions parse(String[] args) {
        Path image = null;
        long size = 64, file = 16;
        int fragment = 64 * 1024;
        Protocol protocol = Protocol.DECS;
        boolean dax = false, buffered = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--image" -> image = Path.of(value(args, ++i, a));
                case "--size-mib" -> size = mib(a, value(args, ++i, a));
                case "--file-mib" -> file = mib(a, value(args, ++i, a));
                case "--fragment" -> fragment = fragment(value(args, ++i, a));
                case "--protocol" -> protocol = protocol(value(args, ++i, a));
                case "--dax" -> dax = true;
                case "--buffered-device" -> buffered = true;
                default -> throw new IllegalArgumentException("unknown option '" + a + "'; " + USAGE);
            }
        }
        if (image == null) {
            throw new IllegalArgumentException("--image PATH is required; " + USAGE);
        }
        if (Files.exists(image, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(image + " already exists; give a new path (the command never overwrites)");
        }
        Path parent = image.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IllegalArgumentException("directory " + parent + " does not exist");
        }
        if ((file << 20) % fragment != 0) {
            throw new IllegalArgumentException("--file-mib " + file + " is not a multiple of the fragment " + BenchOptions.label(fragment));
        }
        long maxMib = Superblock.maxBlocks(Filesystem.MAX_INODES) * BlockDevice.BLOCK_SIZE >> 20;
        if (size > maxMib) {
            throw new IllegalArgumentException("--size-mib " + size + " is larger than the format holds (at most " + maxMib + ")");
        }
        // The fragmented file spans twice its size; the defrag needs a contiguous donor as big again.
        if (3 * file + 4 > size) {
            throw new IllegalArgumentException("--size-mib " + size + " is too small for a " + file + " MiB fragmented file: needs at least "
                    + (3 * file + 4));
        }
        return new ImageOptions(image, size, file, fragment, protocol, dax, buffered);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static long mib(String option, String v) {
        try {
            long n = Long.parseLong(v);
            if (n > 0 && n <= 1 << 20) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a size in MiB between 1 and 1048576, got '" + v + "'");
    }

    private static Protocol protocol(String v) {
        return switch (v.toLowerCase()) {
            case "decs" -> Protocol.DECS;
            case "legacy" -> Protocol.LEGACY;
            default -> throw new IllegalArgumentException("--protocol takes decs or legacy, got '" + v + "'");
        };
    }

    private static int fragment(String v) {
        return switch (v.toUpperCase()) {
            case "4K" -> 4096;
            case "64K" -> 64 * 1024;
            case "1M" -> 1 << 20;
            default -> throw new IllegalArgumentException("--fragment takes 4K, 64K or 1M, got '" + v + "'");
        };
    }
}
