package defragcheck.impl.device;

/**
 * Test instrumentation under the device interface: told of every block written (one call per block, so a large
 * write can be persisted in part) and of every flush, in the order the device performed them. The filesystem does
 * all device I/O inside its state monitor, so that order is the order the writes and flushes happened in.
 */
public interface IoRecorder {
    /** Block {@code block} was written with {@code data} (a private copy of the 4 KiB). */
    void written(long block, byte[] data);

    /** A flush completed: every write reported before it is durable. */
    void flushed();
}
