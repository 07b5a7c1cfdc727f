package defragcheck.kernel.sys;

/** ioctl request numbers as include/uapi/asm-generic/ioctl.h encodes them: dir(2) size(14) type(8) nr(8). */
public final class Ioc {
    private static final int WRITE = 1;
    private static final int READ = 2;

    private Ioc() {}

    /** _IOW: user space writes {@code size} bytes the kernel reads. */
    public static long iow(char type, int nr, int size) {
        return encode(WRITE, type, nr, size);
    }

    /** _IOR: the kernel writes {@code size} bytes back. */
    public static long ior(char type, int nr, int size) {
        return encode(READ, type, nr, size);
    }

    public static long iowr(char type, int nr, int size) {
        return encode(READ | WRITE, type, nr, size);
    }

    private static long encode(int dir, char type, int nr, int size) {
        return ((long) dir << 30) | ((long) size << 16) | ((long) type << 8) | nr;
    }
}
