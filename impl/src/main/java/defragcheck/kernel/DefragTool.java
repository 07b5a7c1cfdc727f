package defragcheck.kernel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import defragcheck.bench.ExternalTool;
import defragcheck.bench.LoopFilesystem;

/**
 * A defrag tool run as a process on the file (e4defrag, xfs_fsr), alternating with a pass that fragments the
 * file again through the filesystem's own interface (a tool skips a file it cannot improve). A run that exits 0
 * counts as a move; another exit code is counted as a refusal by that code.
 */
public final class DefragTool implements DefragProtocol {
    /** Fragments the file again: a MOVE_EXT or SWAPEXT onto a block-by-block donor. */
    private interface Refragment {
        void run(TestFile file, Path donor) throws IOException;
    }

    private final String tool;
    private final LoopFilesystem.Type filesystem;
    private final String model;
    private final Refragment refragment;
    private int passNumber;

    private DefragTool(String tool, LoopFilesystem.Type filesystem, String model, Refragment refragment) {
        this.tool = tool;
        this.filesystem = filesystem;
        this.model = model;
        this.refragment = refragment;
    }

    public static DefragTool e4defrag() {
        return new DefragTool("e4defrag", LoopFilesystem.Type.EXT4, LegacySchedules.MODEL,
                (file, donor) -> Ext4MoveExt.moveWholeFile(file, donor, true, new DefragStats()));
    }

    public static DefragTool xfsFsr() {
        return new DefragTool("xfs_fsr", LoopFilesystem.Type.XFS, XfsSwapextCopy.MODEL,
                (file, tmp) -> XfsSwapextCopy.swapWithCopy(file, tmp, true, new DefragStats()));
    }

    @Override
    public String name() {
        return filesystem.name().toLowerCase() + " " + tool;
    }

    @Override
    public LoopFilesystem.Type filesystem() {
        return filesystem;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public void pass(TestFile file, Path dir, DefragStats stats) throws IOException {
        if (passNumber++ % 2 == 0) {
            refragment.run(file, dir.resolve("refragment"));
            return;
        }
        ExternalTool.Outcome o = ExternalTool.call(List.of(tool, "-v", file.path().toString()));
        if (o.exit() == 0) {
            stats.moves.incrementAndGet();
        } else {
            stats.refused(tool + " exit " + o.exit());
        }
        stats.passes.incrementAndGet();
    }
}
