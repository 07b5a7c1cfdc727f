package defragcheck.kernel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import defragcheck.bench.ExternalTool;
import defragcheck.bench.LoopFilesystem;

/** xfs_fsr itself on the file, alternating with a SWAPEXT pass that fragments it again (xfs_fsr skips a file it cannot improve). */
public final class XfsFsr implements DefragProtocol {
    private int passNumber;

    @Override
    public String name() {
        return "xfs xfs_fsr";
    }

    @Override
    public LoopFilesystem.Type filesystem() {
        return LoopFilesystem.Type.XFS;
    }

    @Override
    public void pass(TestFile file, Path dir, DefragStats stats) throws IOException {
        if (passNumber++ % 2 == 0) {
            XfsSwapextCopy.swapWithCopy(file, dir.resolve("refragment"), true, new DefragStats());
            return;
        }
        ExternalTool.Outcome o = ExternalTool.call(List.of("xfs_fsr", "-v", file.path().toString()));
        if (o.exit() == 0) {
            stats.moves.incrementAndGet();
        } else {
            stats.refused("xfs_fsr exit " + o.exit());
        }
        stats.passes.incrementAndGet();
    }
}
