package defragcheck.impl.device;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What holds a device's bytes: a file or block device ({@link FileBlockStore}) or, for crash exploration, an image
 * in memory. Positions are byte offsets; callers only ever pass whole, aligned blocks.
 */
public interface BlockStore extends AutoCloseable {
    /** Reads up to {@code dst.remaining()} bytes at {@code pos}; -1 at the end. */
    int read(ByteBuffer dst, long pos) throws IOException;

    /** Writes some of {@code src} at {@code pos}; returns how many bytes. */
    int write(ByteBuffer src, long pos) throws IOException;

    /** Makes every completed write durable. */
    void force() throws IOException;

    @Override
    void close() throws IOException;
}
