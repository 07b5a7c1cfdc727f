package defragcheck.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file this run created: removed when closed unless {@link #keep() kept}, and also if the JVM exits first (an
 * interrupt or kill runs the shutdown hook), so that no outcome leaves a partial image behind.
 */
final class OwnedFile implements AutoCloseable {
    private final Path path;
    private final Thread remover;
    private boolean kept;

    /**
     * Takes ownership of {@code path}, which this run is about to create (its name is this run's): hooked before the
     * file exists, so that no interrupt between its creation and this call can leave it behind.
     */
    OwnedFile(Path path) {
        this.path = path;
        this.remover = new Thread(this::remove, "defragcheck-remove-" + path.getFileName());
        Runtime.getRuntime().addShutdownHook(remover);
    }

    Path path() {
        return path;
    }

    /** The file outlives the run (a finished image, or one the user asked to keep). */
    void keep() {
        kept = true;
        unhook();
    }

    @Override
    public void close() throws IOException {
        if (!kept) {
            unhook();
            Files.deleteIfExists(path);
        }
    }

    private void unhook() {
        try {
            Runtime.getRuntime().removeShutdownHook(remover);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it removes the file
        }
    }

    private void remove() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            System.err.println("defragcheck: could not remove " + path + " (" + e.getMessage() + ")");
        }
    }
}
