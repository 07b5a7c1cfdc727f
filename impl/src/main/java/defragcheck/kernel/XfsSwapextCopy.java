package defragcheck.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import defragcheck.bench.LoopFilesystem;
import defragcheck.kernel.sys.Fd;
import defragcheck.kernel.sys.SysCallException;
import defragcheck.kernel.sys.XfsBulkstat;
import defragcheck.kernel.sys.XfsSwapext;

/**
 * xfs_fsr's protocol done by hand: bulkstat the target (the freshness sample), make an unlinked temp file,
 * allocate it, copy the whole file into it with O_DIRECT, fsync it, XFS_IOC_SWAPEXT with the sample. The kernel
 * refuses with EBUSY when the target's ctime/mtime changed since the sample. Alternate passes allocate the temp
 * block by block backwards, so the file is fragmented again for the next.
 */
public final class XfsSwapextCopy implements DefragProtocol {
    /** xfs_fsr's protocol with page-cache writers (xfs_fsr itself runs the same). */
    static final String MODEL = "XfsFsrNoDax";
    private int passNumber;

    @Override
    public String name() {
        return "xfs SWAPEXT (bulkstat + O_DIRECT copy)";
    }

    @Override
    public LoopFilesystem.Type filesystem() {
        return LoopFilesystem.Type.XFS;
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public void pass(TestFile file, Path dir, DefragStats stats) throws IOException {
        swapWithCopy(file, dir.resolve("fsr-tmp"), passNumber++ % 2 == 1, stats);
        stats.passes.incrementAndGet();
    }

    static void swapWithCopy(TestFile file, Path tmpPath, boolean fragmentedTemp, DefragStats stats) throws IOException {
        byte[] sample = XfsBulkstat.sample(file.buffered(), file.path());
        try (Fd tmp = Donors.fallocated(tmpPath, file.bytes(), fragmentedTemp, true)) {
            Files.delete(tmpPath); // xfs_fsr unlinks its temp file at once
            Donors.directCopy(file, tmp);
            try {
                XfsSwapext.swap(file.buffered(), tmp, file.bytes(), sample);
                stats.moves.incrementAndGet();
                stats.blocksMoved.addAndGet(file.blocks());
            } catch (SysCallException e) {
                stats.refused(e.errno());
            }
        }
    }
}
