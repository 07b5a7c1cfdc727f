package defragcheck.kernel.sys;

import java.io.IOException;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * One anonymous page registered with userfaultfd in MISSING mode (linux/userfaultfd.h): whoever touches it first,
 * the kernel's get_user_pages for an O_DIRECT write included, sleeps until {@link #supply} fills it with
 * UFFDIO_COPY. That holds a direct write after its submission (i_rwsem taken, inode_dio_begin counted,
 * timestamps updated) and before its data transfer, for as long as a schedule needs.
 */
public final class Userfaultfd implements AutoCloseable {
    private static final char UFFDIO = 0xAA;
    private static final long UFFD_API = 0xAA;
    private static final long API = Ioc.iowr(UFFDIO, 0x3F, 24);          // struct uffdio_api {api, features, ioctls}
    private static final long REGISTER = Ioc.iowr(UFFDIO, 0x00, 32);     // {range {start, len}, mode, ioctls}
    private static final long COPY = Ioc.iowr(UFFDIO, 0x03, 40);         // {dst, src, len, mode, copy}
    private static final long MODE_MISSING = 1;
    private static final int MSG_SIZE = 32;                              // struct uffd_msg
    private static final int EVENT_PAGEFAULT = 0x12;
    private static final int O_NONBLOCK = 04000;

    private final int fd;
    private final Pointer page;
    private boolean closed;

    private Userfaultfd(int fd, Pointer page) {
        this.fd = fd;
        this.page = page;
    }

    /** A fresh userfaultfd and one registered, not yet populated, anonymous page. */
    public static Userfaultfd holdingOnePage() throws IOException {
        int fd;
        try {
            fd = (int) LibC.C.syscall(LibC.SYS_USERFAULTFD, LibC.O_CLOEXEC | O_NONBLOCK);
        } catch (LastErrorException e) {
            throw Fd.failure("userfaultfd", e);
        }
        Pointer page = null;
        try {
            Memory api = new Memory(24);
            api.clear();
            api.setLong(0, UFFD_API);
            ioctl(fd, API, api, "UFFDIO_API");
            page = LibC.C.mmap(null, AlignedBuffer.PAGE, LibC.PROT_READ | LibC.PROT_WRITE,
                    LibC.MAP_PRIVATE | LibC.MAP_ANONYMOUS, -1, 0);
            Memory reg = new Memory(32);
            reg.clear();
            reg.setLong(0, Pointer.nativeValue(page));
            reg.setLong(8, AlignedBuffer.PAGE);
            reg.setLong(16, MODE_MISSING);
            ioctl(fd, REGISTER, reg, "UFFDIO_REGISTER");
            return new Userfaultfd(fd, page);
        } catch (IOException | LastErrorException e) {
            if (page != null) {
                LibC.C.munmap(page, AlignedBuffer.PAGE);
            }
            LibC.C.close(fd);
            throw e instanceof IOException io ? io : Fd.failure("mmap", (LastErrorException) e);
        }
    }

    /** The held page, to be used as a write buffer. */
    public Pointer page() {
        return page;
    }

    /**
     * Waits until something faults on the page (true) or {@code timeoutMillis} pass (false). The fault stays
     * pending: the faulting thread sleeps in the kernel until {@link #supply}.
     */
    public boolean awaitFault(long timeoutMillis) throws IOException {
        Memory msg = new Memory(MSG_SIZE);
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (true) {
            try {
                long n = LibC.C.read(fd, msg, MSG_SIZE);
                if (n == MSG_SIZE && (msg.getByte(0) & 0xFF) == EVENT_PAGEFAULT) {
                    return true;
                }
            } catch (LastErrorException e) {
                if (Errno.of(e) != Errno.EAGAIN) {
                    throw Fd.failure("read userfaultfd", e);
                }
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleepBriefly();
        }
    }

    /** Fills the page with {@code data} (UFFDIO_COPY), which wakes the faulting thread. */
    public void supply(byte[] data) throws IOException {
        Memory src = new Memory(AlignedBuffer.PAGE);
        src.clear();
        src.write(0, data, 0, Math.min(data.length, AlignedBuffer.PAGE));
        Memory copy = new Memory(40);
        copy.clear();
        copy.setLong(0, Pointer.nativeValue(page));
        copy.setLong(8, Pointer.nativeValue(src));
        copy.setLong(16, AlignedBuffer.PAGE);
        ioctl(fd, COPY, copy, "UFFDIO_COPY");
    }

    private static void ioctl(int fd, long request, Pointer arg, String what) throws IOException {
        try {
            LibC.C.ioctl(fd, request, arg);
        } catch (LastErrorException e) {
            throw Fd.failure(what, e);
        }
    }

    private static void sleepBriefly() throws IOException {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a userfault", e);
        }
    }

    /** Closing the userfaultfd wakes any thread still held (its fault then resolves with a zero page). */
    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            LibC.C.close(fd);
            LibC.C.munmap(page, AlignedBuffer.PAGE);
        }
    }
}
