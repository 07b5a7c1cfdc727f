package defragcheck.bench;

import java.io.IOException;

/** One way of defragmenting (or, for the ceiling, copying) a freshly built fragmented file. */
public interface Contender {
    String name();

    /**
     * Builds a fresh fragmented file with {@code chunk}-byte fragments holding generation
     * {@code generation}, times the contender on it (untimed setup and check excluded), verifies
     * every block, and removes the file.
     */
    Measurement run(int chunk, long generation) throws IOException;
}
