package defragcheck.kernel.sys;

import java.io.IOException;

import com.sun.jna.LastErrorException;
import com.sun.jna.Pointer;

/**
 * A shared, writable mmap of a file: stores go into the page cache through the CPU (no system call), the first
 * store to a clean or write-protected page faults into the filesystem's page_mkwrite.
 */
public final class FileMapping implements AutoCloseable {
    private final Pointer base;
    private final long length;
    private boolean closed;

    private FileMapping(Pointer base, long length) {
        this.base = base;
        this.length = length;
    }

    public static FileMapping shared(Fd fd, long length) throws IOException {
        try {
            Pointer p = LibC.C.mmap(null, length, LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_SHARED, fd.number(), 0);
            return new FileMapping(p, length);
        } catch (LastErrorException e) {
            throw Fd.failure("mmap " + fd.path(), e);
        }
    }

    /** Stores {@code data} at {@code offset} (a CPU store; faults first if the page is not writable-mapped). */
    public void store(long offset, byte[] data) {
        base.write(offset, data, 0, data.length);
    }

    /** A write fault that changes nothing: loads one byte and stores it back (page_mkwrite runs, the value stays). */
    public void touchForWrite(long offset) {
        base.setByte(offset, base.getByte(offset));
    }

    public byte[] load(long offset, int n) {
        return base.getByteArray(offset, n);
    }

    /** msync(MS_SYNC) of one range: writes the dirty pages back and waits. */
    public void sync(long offset, long n) throws IOException {
        try {
            LibC.C.msync(base.share(offset), n, LibC.MS_SYNC);
        } catch (LastErrorException e) {
            throw Fd.failure("msync", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            try {
                LibC.C.munmap(base, length);
            } catch (LastErrorException e) {
                throw Fd.failure("munmap", e);
            }
        }
    }
}
