package defragcheck.impl;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

import defragcheck.impl.device.BlockDevice;
import defragcheck.impl.device.BlockStore;

/**
 * A crash state in memory: the durable image ({@code base}, shared, never written) with the state's own blocks on
 * top. Recovery's writes land in the overlay too, so states cost their own writes, never a copy of the image.
 */
final class OverlayImage implements BlockStore {
    private final byte[][] base;
    private final Map<Long, byte[]> overlay = new HashMap<>();
    /** Blocks written through the device (not {@link #put}): a refused open must leave this 0. */
    private int deviceWrites;

    OverlayImage(byte[][] base) {
        this.base = base;
    }

    /** Another state with the same blocks (the overlay is copied, the base shared). */
    OverlayImage copy() {
        OverlayImage c = new OverlayImage(base);
        c.overlay.putAll(overlay);
        return c;
    }

    /** A copy of the block's current content. */
    byte[] block(long block) {
        return overlay.getOrDefault(block, base[(int) block]).clone();
    }

    void put(long block, byte[] data) {
        overlay.put(block, data);
    }

    @Override
    public int read(ByteBuffer dst, long pos) {
        int n = dst.remaining();
        for (long b = pos / BlockDevice.BLOCK_SIZE; dst.hasRemaining(); b++) {
            dst.put(overlay.getOrDefault(b, base[(int) b]));
        }
        return n;
    }

    @Override
    public int write(ByteBuffer src, long pos) {
        int n = src.remaining();
        for (long b = pos / BlockDevice.BLOCK_SIZE; src.hasRemaining(); b++) {
            byte[] block = new byte[BlockDevice.BLOCK_SIZE];
            src.get(block);
            overlay.put(b, block);
            deviceWrites++;
        }
        return n;
    }

    int deviceWrites() {
        return deviceWrites;
    }

    @Override
    public void force() {}

    @Override
    public void close() {}
}
