package defragcheck.kernel;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

import defragcheck.kernel.sys.LibC;

/**
 * A thread that makes one blocking system call, and whether it is asleep in the kernel: the scheduler's way to
 * see that a held direct write has reached its data transfer, or that an ioctl is waiting (for a lock or for
 * inode_dio_wait), before it forces the next step.
 */
final class KernelThread {
    interface Call {
        Object run() throws IOException;
    }

    private final Thread thread;
    private final AtomicReference<Object> result = new AtomicReference<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile int tid;

    private KernelThread(String name, Call call) {
        this.thread = new Thread(() -> {
            try {
                tid = (int) LibC.C.syscall(LibC.SYS_GETTID, 0);
                result.set(call.run());
            } catch (IOException | RuntimeException e) {
                failure.set(e);
            }
        }, name);
        thread.setDaemon(true);
    }

    static KernelThread start(String name, Call call) {
        KernelThread k = new KernelThread(name, call);
        k.thread.start();
        return k;
    }

    boolean finished() {
        return !thread.isAlive();
    }

    /**
     * Waits up to {@code millis} until the call sleeps uninterruptibly in the kernel (state D: a lock, a DIO wait,
     * a userfault); false if it finished or never slept that long.
     */
    boolean awaitBlocked(long millis) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (finished()) {
                return false;
            }
            if (tid != 0 && state() == 'D') {
                return true;
            }
            sleep(1);
        }
        return false;
    }

    /** The call's kernel stack while it sleeps (root only), innermost first; empty if unreadable. */
    java.util.List<String> kernelStack() {
        return ProcTask.stack(ProcTask.of(ProcessHandle.current().pid(), tid));
    }

    private char state() {
        return ProcTask.state(ProcTask.of(ProcessHandle.current().pid(), tid));
    }

    /** The call's result after it returns (up to {@code millis}); its exception is rethrown. */
    Object join(long millis) throws IOException {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (thread.isAlive()) {
            throw new IOException(thread.getName() + " still blocked after " + millis + " ms");
        }
        Throwable t = failure.get();
        if (t != null) {
            throw t instanceof IOException io ? io : new IOException(t);
        }
        return result.get();
    }

    /** Sleeps {@code millis}; an interrupt ends the run as an IOException (the kernel callers' one failure type). */
    static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
