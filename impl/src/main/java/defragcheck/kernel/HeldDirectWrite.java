package defragcheck.kernel;

import java.io.IOException;

import defragcheck.kernel.sys.AlignedBuffer;
import defragcheck.kernel.sys.Errno;
import defragcheck.kernel.sys.SysCallException;
import defragcheck.kernel.sys.Fd;
import defragcheck.kernel.sys.Userfaultfd;

/**
 * A direct write held at its data transfer: an O_DIRECT pwrite whose buffer is a userfaultfd page. Submitting it
 * (spec: DioSubmit) runs the write up to get_user_pages, with i_rwsem held shared and the DIO counted by
 * inode_dio_begin; completing it (DioComplete) supplies the page, and the write transfers its data and returns.
 */
final class HeldDirectWrite {
    private static final long WAIT_MILLIS = 10_000;
    private final Userfaultfd uffd;
    private final KernelThread writer;

    private HeldDirectWrite(Userfaultfd uffd, KernelThread writer) {
        this.uffd = uffd;
        this.writer = writer;
    }

    /** Submits the write of block {@code block}; null if it did not stop at its buffer (the kernel did not hold it). */
    static HeldDirectWrite submit(Fd direct, int block) throws IOException {
        Userfaultfd uffd = Userfaultfd.holdingOnePage();
        KernelThread w = KernelThread.start("held-dio-" + block, () -> {
            direct.pwrite(uffd.page(), AlignedBuffer.PAGE, TestFile.offset(block));
            return null;
        });
        if (!uffd.awaitFault(WAIT_MILLIS)) {
            uffd.close();
            w.join(WAIT_MILLIS);
            return null;
        }
        return new HeldDirectWrite(uffd, w);
    }

    /** Lets the write finish with {@code content} and waits for pwrite to return. */
    void complete(byte[] content) throws IOException {
        try {
            uffd.supply(content);
            writer.join(WAIT_MILLIS);
        } finally {
            uffd.close();
        }
    }

    /**
     * Ends a write a failed or unforced schedule left held: closing the userfaultfd fails the fault, so pwrite
     * returns EFAULT (nothing of it was acknowledged, which is what an abandoned schedule wants).
     */
    void abandon() throws IOException {
        uffd.close();
        try {
            writer.join(WAIT_MILLIS);
        } catch (SysCallException e) {
            if (e.errno() != Errno.EFAULT) {
                throw e;
            }
        }
    }
}
