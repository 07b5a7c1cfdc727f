package defragcheck.kernel.sys;

import java.io.IOException;
import java.nio.file.Path;

import com.sun.jna.LastErrorException;
import com.sun.jna.Pointer;

/** An open file descriptor with the positional I/O, sync and allocation calls the drivers use. */
public final class Fd implements AutoCloseable {
    private final int fd;
    private final Path path;
    private boolean closed;

    private Fd(int fd, Path path) {
        this.fd = fd;
        this.path = path;
    }

    /** open(2) with {@code flags} (LibC.O_*), mode 0644 when creating. */
    public static Fd open(Path path, int flags) throws IOException {
        try {
            return new Fd(LibC.C.open(path.toString(), flags | LibC.O_CLOEXEC, 0644), path);
        } catch (LastErrorException e) {
            throw failure("open " + path, e);
        }
    }

    public static Fd readWrite(Path path) throws IOException {
        return open(path, LibC.O_RDWR);
    }

    public static Fd direct(Path path) throws IOException {
        return open(path, LibC.O_RDWR | LibC.O_DIRECT);
    }

    public int number() {
        return fd;
    }

    public Path path() {
        return path;
    }

    /** The file's inode number, from /proc/self/fdinfo: unlike fstat(2) it does not mark ctime queried. */
    public long inode() throws IOException {
        for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/fdinfo/" + fd))) {
            if (line.startsWith("ino:")) {
                return Long.parseLong(line.substring(4).trim());
            }
        }
        throw new IOException("no inode number in /proc/self/fdinfo/" + fd + " (kernel before 5.14)");
    }

    /** pwrite(2) of all {@code length} bytes at {@code buf}; a short write is an error. */
    public void pwrite(Pointer buf, int length, long offset) throws IOException {
        long n;
        try {
            n = LibC.C.pwrite(fd, buf, length, offset);
        } catch (LastErrorException e) {
            throw failure("pwrite " + path + " @" + offset, e);
        }
        if (n != length) {
            throw new IOException("short pwrite " + path + " @" + offset + ": " + n + " of " + length);
        }
    }

    /** pread(2) of {@code length} bytes; returns how many were read (fewer only at EOF). */
    public int pread(Pointer buf, int length, long offset) throws IOException {
        try {
            return (int) LibC.C.pread(fd, buf, length, offset);
        } catch (LastErrorException e) {
            throw failure("pread " + path + " @" + offset, e);
        }
    }

    public void fsync() throws IOException {
        try {
            LibC.C.fsync(fd);
        } catch (LastErrorException e) {
            throw failure("fsync " + path, e);
        }
    }

    /** Writes back and waits for one range: the Writeback of a page, without fsync's journal commit. */
    public void writeBack(long offset, long length) throws IOException {
        try {
            LibC.C.sync_file_range(fd, offset, length, LibC.SYNC_FILE_RANGE_WAIT_BEFORE | LibC.SYNC_FILE_RANGE_WRITE
                    | LibC.SYNC_FILE_RANGE_WAIT_AFTER);
        } catch (LastErrorException e) {
            throw failure("sync_file_range " + path, e);
        }
    }

    /** fallocate(2) mode 0: allocates unwritten extents (they read as zeros). */
    public void fallocate(long offset, long length) throws IOException {
        try {
            LibC.C.fallocate(fd, 0, offset, length);
        } catch (LastErrorException e) {
            throw failure("fallocate " + path, e);
        }
    }

    public void truncate(long length) throws IOException {
        try {
            LibC.C.ftruncate(fd, length);
        } catch (LastErrorException e) {
            throw failure("ftruncate " + path, e);
        }
    }

    /** Drops the clean cached pages of the file (after a writeback): the next read fills from the blocks. */
    public void dropCleanPages() throws IOException {
        int err = LibC.C.posix_fadvise(fd, 0, 0, LibC.POSIX_FADV_DONTNEED);
        if (err != 0) {
            throw new IOException("posix_fadvise " + path + ": " + Errno.name(err));
        }
    }

    /** ioctl(2) on this descriptor; the errno of a refusal is in the thrown {@link SysCallException}. */
    public void ioctl(long request, Pointer arg, String what) throws SysCallException {
        try {
            LibC.C.ioctl(fd, request, arg);
        } catch (LastErrorException e) {
            throw new SysCallException(what + " " + path, Errno.of(e));
        }
    }

    static IOException failure(String what, LastErrorException e) {
        return new SysCallException(what, Errno.of(e));
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            try {
                LibC.C.close(fd);
            } catch (LastErrorException e) {
                throw failure("close " + path, e);
            }
        }
    }
}
