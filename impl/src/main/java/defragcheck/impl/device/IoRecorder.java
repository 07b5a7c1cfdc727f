package defragcheck.impl.device;

/**
 * Test instrumentation under the device interface: told of every block written (one call per block, so a large
 * write can be persisted in part) and of every flush. A write is reported after it completed and a flush after it
 * completed, so a write reported before a flush is durable; a write racing a flush in another thread may be reported
 * after it, which only makes the recorder assume less durability than there is.
 */
public interface IoRecorder {
    /** Block {@code block} was written with {@code data} (a private copy of the 4 KiB). */
    void written(long block, byte[] data);

    /** A flush completed: every write reported before it is durable. */
    void flushed();
}
