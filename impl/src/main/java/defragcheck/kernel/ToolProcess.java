package defragcheck.kernel;

import java.io.IOException;
import java.util.List;

import defragcheck.bench.ExternalTool;

/**
 * A defrag tool (e4defrag, xfs_fsr) running as a child process while a schedule goes on around it: whether it sleeps
 * in the kernel, and where, and its outcome once it exits. Killed and its output removed on close.
 */
final class ToolProcess implements AutoCloseable {
    private final ExternalTool.Running running;

    private ToolProcess(ExternalTool.Running running) {
        this.running = running;
    }

    static ToolProcess start(List<String> command) throws IOException {
        return new ToolProcess(ExternalTool.start(command));
    }

    /** Waits up to {@code millis} until one of its threads sleeps uninterruptibly; false if it exited first or never did. */
    boolean awaitBlocked(long millis) throws IOException {
        return awaitThread(millis, t -> ProcTask.state(t) == 'D');
    }

    /** Waits up to {@code millis} until one of its threads sleeps in the kernel with {@code frame} on its stack. */
    boolean awaitKernelFrame(String frame, long millis) throws IOException {
        return awaitThread(millis, t -> ProcTask.stack(t).contains(frame));
    }

    private boolean awaitThread(long millis, java.util.function.Predicate<java.nio.file.Path> asleep) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline && running.isAlive()) {
            if (ProcTask.threads(running.pid()).stream().anyMatch(asleep)) {
                return true;
            }
            KernelThread.sleep(1);
        }
        return false;
    }

    /** The outcome once the process exits (at most {@code millis}); an IOException if it is still running. */
    ExternalTool.Outcome await(long millis) throws IOException {
        return running.await(millis);
    }

    @Override
    public void close() throws IOException {
        running.close();
    }
}
