package defragcheck.impl.device;

import java.nio.ByteBuffer;

/** Direct buffers aligned to the device block, as O_DIRECT requires of the buffer address. */
public final class AlignedBuffers {
    private AlignedBuffers() {}

    /** A buffer of exactly {@code bytes} (a multiple of the block size) whose address is block-aligned. */
    public static ByteBuffer allocate(int bytes) {
        if (bytes <= 0 || bytes % BlockDevice.BLOCK_SIZE != 0) {
            throw new IllegalArgumentException("buffer size " + bytes + " is not a positive multiple of " + BlockDevice.BLOCK_SIZE);
        }
        // alignedSlice rounds the capacity down, so over-allocate by one block.
        ByteBuffer aligned = ByteBuffer.allocateDirect(bytes + BlockDevice.BLOCK_SIZE).alignedSlice(BlockDevice.BLOCK_SIZE);
        return aligned.limit(bytes).slice();
    }
}
