package defragcheck.kernel;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import defragcheck.bench.ExternalTool;
import defragcheck.bench.LoopFilesystem;

/**
 * The exchange-range feature bit (XFS_SB_FEAT_INCOMPAT_EXCHRANGE, 0x40). mkfs.xfs 6.1 cannot set it, so it is
 * written into superblock 0 with xfs_db on the unmounted device; xfs_repair 6.1 does not know the bit and refuses
 * the filesystem, so {@link #repairCheck} clears it around {@code xfs_repair -n} and sets it again.
 */
public final class XfsFeatures {
    static final long EXCHANGE_RANGE = 0x40;
    private static final Pattern INCOMPAT = Pattern.compile("features_incompat = (0x[0-9a-fA-F]+|\\d+)");

    private XfsFeatures() {}

    /** Unmounts, sets the bit, mounts again. */
    public static void enableExchangeRange(LoopFilesystem fs) throws IOException {
        fs.unmount();
        try {
            write(fs.device(), read(fs.device()) | EXCHANGE_RANGE);
        } finally {
            fs.mount();
        }
    }

    /** xfs_repair -n on the unmounted device (bit cleared meanwhile); returns its outcome. */
    public static ExternalTool.Outcome repairCheck(String device) throws IOException {
        long features = read(device);
        boolean had = (features & EXCHANGE_RANGE) != 0;
        if (had) {
            write(device, features & ~EXCHANGE_RANGE);
        }
        try {
            return ExternalTool.call(java.util.List.of("xfs_repair", "-n", device));
        } finally {
            if (had) {
                write(device, features);
            }
        }
    }

    static long read(String device) throws IOException {
        String out = ExternalTool.run("xfs_db", "-r", "-c", "sb 0", "-c", "print features_incompat", device);
        Matcher m = INCOMPAT.matcher(out);
        if (!m.find()) {
            throw new IOException("xfs_db printed no features_incompat: " + out.strip());
        }
        return Long.decode(m.group(1));
    }

    private static void write(String device, long features) throws IOException {
        ExternalTool.run("xfs_db", "-x", "-c", "sb 0", "-c", "write -d features_incompat " + features, device);
    }
}
