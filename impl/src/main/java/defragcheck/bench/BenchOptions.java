package defragcheck.bench;

import defragcheck.impl.defrag.DefragOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The benchmark's command line: {@code bench [--size-mib N] [--rounds N] [--min-seconds S] [--layouts 4K,64K,1M] [--threads N] [--dir PATH] [--no-e4defrag] [--no-xfs-fsr]}. */
public record BenchOptions(long sizeMib, int rounds, double minSeconds, List<Integer> chunks, int threads, Path dir, boolean e4defrag,
        boolean xfsFsr) {
    public static final String USAGE =
            "usage: bench [--size-mib N (256)] [--rounds N (5)] [--min-seconds S (1): a contender repeats on fresh files until its timed work in a round reaches S, at most 5 runs]"
            + " [--layouts 4K,64K,1M] [--threads N (copyData's default, 4)] [--dir PATH (java.io.tmpdir)] [--no-e4defrag] [--no-xfs-fsr]";

    /** Parses the arguments; a bad one is an IllegalArgumentException whose message is one line for the user. */
    public static BenchOptions parse(String[] args) {
        long size = 256;
        int rounds = 5, threads = DefragOptions.DEFAULT_COPY_THREADS;
        double minSeconds = 1;
        List<Integer> chunks = List.of(4096, 65536, 1 << 20);
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        boolean e4 = true;
        boolean fsr = true;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--size-mib" -> size = positive(a, value(args, ++i, a));
                case "--rounds" -> rounds = (int) positive(a, value(args, ++i, a));
                case "--min-seconds" -> minSeconds = seconds(a, value(args, ++i, a));
                case "--threads" -> threads = (int) positive(a, value(args, ++i, a));
                case "--layouts" -> chunks = chunks(value(args, ++i, a));
                case "--dir" -> dir = Path.of(value(args, ++i, a));
                case "--no-e4defrag" -> e4 = false;
                case "--no-xfs-fsr" -> fsr = false;
                default -> throw new IllegalArgumentException("unknown option '" + a + "'; " + USAGE);
            }
        }
        for (int c : chunks) {
            if ((size << 20) % c != 0) {
                throw new IllegalArgumentException("--size-mib " + size + " is not a multiple of the " + c / 1024 + "K layout");
            }
        }
        return new BenchOptions(size, rounds, minSeconds, chunks, threads, dir, e4, fsr);
    }

    public long bytes() {
        return sizeMib << 20;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static long positive(String option, String v) {
        try {
            long n = Long.parseLong(v);
            if (n > 0 && n < 1 << 20) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a positive whole number, got '" + v + "'");
    }

    private static double seconds(String option, String v) {
        try {
            double s = Double.parseDouble(v);
            if (s >= 0 && s <= 60) {
                return s;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a number of seconds between 0 and 60, got '" + v + "'");
    }

    /** "4K,64K,1M" -> bytes; each a multiple of 4 KiB. */
    static List<Integer> chunks(String list) {
        List<Integer> out = new ArrayList<>();
        for (String s : list.split(",")) {
            String t = s.strip().toUpperCase();
            int unit = t.endsWith("K") ? 1024 : t.endsWith("M") ? 1 << 20 : 0;
            try {
                long v = unit == 0 ? -1 : Math.multiplyExact(Long.parseLong(t.substring(0, t.length() - 1)), unit);
                if (v >= 4096 && v % 4096 == 0 && v <= 64 << 20) {
                    out.add((int) v);
                    continue;
                }
            } catch (NumberFormatException | ArithmeticException e) {
                // reported below
            }
            throw new IllegalArgumentException("--layouts takes fragment sizes like 4K,64K,1M (multiples of 4K), got '" + s + "'");
        }
        return List.copyOf(out);
    }

    /** "4K", "64K", "1M". */
    public static String label(int chunk) {
        return chunk % (1 << 20) == 0 ? (chunk >> 20) + "M" : (chunk >> 10) + "K";
    }
}
