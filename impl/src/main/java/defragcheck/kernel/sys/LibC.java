package defragcheck.kernel.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The libc calls the kernel drivers need, through JNA (x86_64 Linux: size_t, off_t and long are 64 bits).
 * Every call that sets errno throws {@link LastErrorException} carrying it; {@link Errno} names the codes.
 */
public interface LibC extends Library {
    LibC C = Native.load("c", LibC.class);

    int O_RDONLY = 0;
    int O_WRONLY = 1;
    int O_RDWR = 2;
    int O_CREAT = 0100;
    int O_EXCL = 0200;
    int O_DIRECT = 040000;
    int O_CLOEXEC = 02000000;

    int PROT_READ = 1;
    int PROT_WRITE = 2;
    int MAP_SHARED = 1;
    int MAP_PRIVATE = 2;
    int MAP_ANONYMOUS = 0x20;
    int MS_SYNC = 4;

    int SYNC_FILE_RANGE_WAIT_BEFORE = 1;
    int SYNC_FILE_RANGE_WRITE = 2;
    int SYNC_FILE_RANGE_WAIT_AFTER = 4;
    int POSIX_FADV_DONTNEED = 4;

    long SYS_GETTID = 186;
    long SYS_USERFAULTFD = 323;

    int open(String path, int flags, int mode) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    long pread(int fd, Pointer buf, long count, long offset) throws LastErrorException;

    long pwrite(int fd, Pointer buf, long count, long offset) throws LastErrorException;

    long read(int fd, Pointer buf, long count) throws LastErrorException;

    int ioctl(int fd, long request, Pointer arg) throws LastErrorException;

    long syscall(long number, long arg) throws LastErrorException;

    Pointer mmap(Pointer addr, long length, int prot, int flags, int fd, long offset) throws LastErrorException;

    int munmap(Pointer addr, long length) throws LastErrorException;

    int msync(Pointer addr, long length, int flags) throws LastErrorException;

    int fsync(int fd) throws LastErrorException;

    int fallocate(int fd, int mode, long offset, long len) throws LastErrorException;

    int ftruncate(int fd, long length) throws LastErrorException;

    int sync_file_range(int fd, long offset, long nbytes, int flags) throws LastErrorException;

    int syncfs(int fd) throws LastErrorException;

    /** {@code times} null: atime, mtime and ctime all set to now. */
    int futimens(int fd, Pointer times) throws LastErrorException;

    /** Returns the error number instead of setting errno. */
    int posix_fadvise(int fd, long offset, long len, int advice);
}
