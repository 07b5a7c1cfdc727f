package defragcheck.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import defragcheck.bench.LoopFilesystem;
import defragcheck.kernel.sys.Fd;
import defragcheck.kernel.sys.SysCallException;
import defragcheck.kernel.sys.XfsExchangeRange;

/**
 * Defrag by exchange-range: an O_DIRECT copy into a fresh temp, then either XFS_IOC_EXCHANGE_RANGE (no freshness
 * check at all: a write that lands between the copy and the exchange is lost by design, which the history check
 * is expected to show) or XFS_IOC_START_COMMIT before the copy and XFS_IOC_COMMIT_RANGE after it (EBUSY if the
 * file changed since START_COMMIT). Needs the exchange-range feature ({@link XfsFeatures}).
 */
public final class XfsExchange implements DefragProtocol {
    private final boolean commit;
    private int passNumber;

    private XfsExchange(boolean commit) {
        this.commit = commit;
    }

    public static XfsExchange exchangeRange() {
        return new XfsExchange(false);
    }

    public static XfsExchange commitRange() {
        return new XfsExchange(true);
    }

    @Override
    public String name() {
        return commit ? "xfs START_COMMIT + COMMIT_RANGE" : "xfs EXCHANGE_RANGE";
    }

    @Override
    public LoopFilesystem.Type filesystem() {
        return LoopFilesystem.Type.XFS;
    }

    @Override
    public String model() {
        return commit ? "XfsCommitNoDax" : "XfsExchangeNoDax";
    }

    @Override
    public void pass(TestFile file, Path dir, DefragStats stats) throws IOException {
        Path tmpPath = dir.resolve("xchg-tmp");
        try (Fd tmp = Donors.fallocated(tmpPath, file.bytes(), passNumber++ % 2 == 1, true)) {
            Files.delete(tmpPath);
            try {
                if (commit) {
                    var started = XfsExchangeRange.startCommit(file.buffered(), tmp, 0, file.bytes());
                    Donors.directCopy(file, tmp);
                    XfsExchangeRange.commit(file.buffered(), started);
                } else {
                    Donors.directCopy(file, tmp);
                    XfsExchangeRange.exchange(file.buffered(), tmp, 0, file.bytes());
                }
                stats.moves.incrementAndGet();
                stats.blocksMoved.addAndGet(file.blocks());
            } catch (SysCallException e) {
                stats.refused(e.errno());
            }
        }
        stats.passes.incrementAndGet();
    }
}
