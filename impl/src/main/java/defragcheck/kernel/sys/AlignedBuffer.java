package defragcheck.kernel.sys;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/** Page-aligned native memory: O_DIRECT wants buffers aligned to the logical block; 4 KiB covers every device here. */
public final class AlignedBuffer {
    public static final int PAGE = 4096;

    private final Memory owner;
    private final Pointer base;
    private final int size;

    public AlignedBuffer(int size) {
        this.owner = new Memory(size + (long) PAGE);
        this.base = owner.align(PAGE);
        this.size = size;
    }

    public Pointer pointer() {
        return base;
    }

    public int size() {
        return size;
    }

    public void put(byte[] data, int at) {
        base.write(at, data, 0, data.length);
    }

    public byte[] get(int at, int length) {
        return base.getByteArray(at, length);
    }
}
