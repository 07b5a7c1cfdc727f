package defragcheck.kernel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import defragcheck.bench.ExternalTool;
import defragcheck.bench.LoopFilesystem;

/**
 * e4defrag itself on the file, alternating with a MOVE_EXT pass onto a block-by-block donor that fragments the
 * file again (e4defrag skips a file it cannot improve). A run that reports the file done counts as a move; a
 * non-zero exit is counted as a refusal by its exit code.
 */
public final class Ext4E4defrag implements DefragProtocol {
    private int passNumber;

    @Override
    public String name() {
        return "ext4 e4defrag";
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
        if (passNumber++ % 2 == 0) {
            Ext4MoveExt.moveWholeFile(file, dir.resolve("refragment"), true, new DefragStats());
            return;
        }
        ExternalTool.Outcome o = ExternalTool.call(List.of("e4defrag", "-v", file.path().toString()));
        if (o.exit() == 0) {
            stats.moves.incrementAndGet();
        } else {
            stats.refused("e4defrag exit " + o.exit());
        }
        stats.passes.incrementAndGet();
    }
}
