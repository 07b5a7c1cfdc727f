package defragcheck.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import defragcheck.bench.LoopFilesystem;
import defragcheck.kernel.sys.Errno;
import defragcheck.kernel.sys.Fd;
import defragcheck.kernel.sys.MoveExtent;

/**
 * ext4's EXT4_IOC_MOVE_EXT as e4defrag and fio's e4defrag engine use it: a fresh fallocated donor, then the file
 * moved onto it in chunks (orig_start = donor_start). On 6.18 this is the legacy move_extent_per_page. EBUSY (a
 * page the kernel could not release, e.g. dirty) and ESTALE are counted and the rest of the chunk retried a few
 * times, as the 2025 rework does internally; moved_len counts even when the call fails part-way.
 */
public final class Ext4MoveExt implements DefragProtocol {
    static final int CHUNK_BLOCKS = 64;
    private static final int RETRIES = 4;
    private int passNumber;

    @Override
    public String name() {
        return "ext4 MOVE_EXT";
    }

    @Override
    public LoopFilesystem.Type filesystem() {
        return LoopFilesystem.Type.EXT4;
    }

    @Override
    public String model() {
        return LegacySchedules.MODEL;
    }

    @Override
    public void pass(TestFile file, Path dir, DefragStats stats) throws IOException {
        // Every other pass onto a block-by-block donor: the file is fragmented again and the next pass has work.
        moveWholeFile(file, dir.resolve("donor"), passNumber++ % 2 == 1, stats);
        stats.passes.incrementAndGet();
    }

    /** Moves every block of {@code file} onto a fresh donor at {@code donorPath}, then deletes the donor. */
    static void moveWholeFile(TestFile file, Path donorPath, boolean fragmentedDonor, DefragStats stats) throws IOException {
        try (Fd donor = Donors.fallocated(donorPath, file.bytes(), fragmentedDonor, false)) {
            for (long start = 0; start < file.blocks(); start += CHUNK_BLOCKS) {
                long len = Math.min(CHUNK_BLOCKS, file.blocks() - start);
                long at = start;
                for (int attempt = 0; attempt <= RETRIES && len > 0; attempt++) {
                    MoveExtent.Result r = MoveExtent.move(file.buffered(), donor, at, at, len);
                    stats.blocksMoved.addAndGet(r.moved());
                    at += r.moved();
                    len -= r.moved();
                    if (r.ok()) {
                        stats.moves.incrementAndGet();
                        break;
                    }
                    stats.refused(r.errno());
                    if (r.errno() != Errno.EBUSY && r.errno() != Errno.ESTALE) {
                        break;
                    }
                }
            }
        } finally {
            Files.deleteIfExists(donorPath);
        }
    }
}
