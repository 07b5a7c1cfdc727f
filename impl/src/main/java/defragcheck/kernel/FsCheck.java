package defragcheck.kernel;

import java.io.IOException;
import java.util.List;

import defragcheck.bench.ExternalTool;
import defragcheck.bench.LoopFilesystem;

/** The filesystem checker in read-only mode on the unmounted device: e2fsck -fn or xfs_repair -n. */
final class FsCheck {
    /** Exit code and the checker's first line of complaint (empty when clean). */
    record Result(String tool, int exit, String firstComplaint) {
        boolean clean() {
            return exit == 0;
        }

        @Override
        public String toString() {
            return tool + (clean() ? " clean" : " exit " + exit + ": " + firstComplaint);
        }
    }

    private FsCheck() {}

    /** Unmounts, checks, mounts again (all files must be closed). */
    static Result check(LoopFilesystem fs) throws IOException {
        fs.unmount();
        try {
            return checkUnmounted(fs);
        } finally {
            fs.mount();
        }
    }

    static Result checkUnmounted(LoopFilesystem fs) throws IOException {
        ExternalTool.Outcome o = fs.type() == LoopFilesystem.Type.EXT4
                ? ExternalTool.call(List.of("e2fsck", "-fn", fs.device()))
                : XfsFeatures.repairCheck(fs.device());
        String tool = fs.type() == LoopFilesystem.Type.EXT4 ? "e2fsck -fn" : "xfs_repair -n";
        String all = (o.out() + "\n" + o.err()).strip();
        String first = o.exit() == 0 ? "" : all.lines().skip(1).filter(l -> !l.isBlank()).findFirst().orElse(all);
        return new Result(tool, o.exit(), first);
    }
}
