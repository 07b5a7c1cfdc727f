package defragcheck.kernel;

import java.io.IOException;
import java.nio.file.Path;

import defragcheck.bench.LoopFilesystem;

/** One way the kernel defragments a file, driven through its real interface; one {@link #pass} moves the whole file once. */
public interface DefragProtocol {
    /** The name in the tables, e.g. "ext4 MOVE_EXT". */
    String name();

    LoopFilesystem.Type filesystem();

    /** The model whose verdict a free run of this protocol is compared with, or null if no model covers it yet. */
    default String model() {
        return null;
    }

    /**
     * Defragments {@code file} once while writers and readers run: a fresh donor or temp file next to it in
     * {@code dir}; refusals (EBUSY, ESTALE ...) are counted in {@code stats}, not thrown. A pass that alternates
     * layouts refragments the file first, so a tool that skips unfragmented files still has work.
     */
    void pass(TestFile file, Path dir, DefragStats stats) throws IOException;
}
