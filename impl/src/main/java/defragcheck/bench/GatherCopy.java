package defragcheck.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The physical ceiling of a defrag for a given layout: read the file's fragments with O_DIRECT
 * (one read per fragment piece), pack them into staging buffers, write each buffer to one
 * contiguous destination range, then force. No locks, no metadata, no cache: whatever a defrag
 * of this layout costs beyond this is the protocol's own overhead.
 */
public final class GatherCopy {
    private GatherCopy() {}

    /** One staging buffer's worth of the file: the source pieces that fill it, in file order. */
    private record Slice(long fileOffset, List<Fragment> pieces) {}

    /**
     * Copies the fragments, in order, to [dest, dest + total) with {@code threads} workers each
     * owning one {@code stagingBytes} buffer; returns the elapsed nanoseconds including the force.
     */
    public static long copy(FileChannel device, List<Fragment> fragments, long dest, int threads, int stagingBytes)
            throws IOException {
        List<Slice> slices = slices(fragments, stagingBytes);
        AtomicInteger next = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                ByteBuffer staging = DirectFile.aligned(stagingBytes);
                try {
                    for (int i; (i = next.getAndIncrement()) < slices.size() && failures.isEmpty(); ) {
                        Slice s = slices.get(i);
                        staging.clear();
                        for (Fragment piece : s.pieces()) {
                            staging.limit(staging.position() + (int) piece.length());
                            DirectFile.readFully(device, staging, piece.offset());
                        }
                        staging.flip();
                        DirectFile.writeFully(device, staging, dest + s.fileOffset());
                    }
                } catch (IOException | RuntimeException e) {
                    failures.add(e);
                }
            }, "gather-copy-" + t);
            w.setDaemon(true);
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted during gather copy", e);
            }
        }
        if (!failures.isEmpty()) {
            Throwable f = failures.get(0);
            if (f instanceof RuntimeException r) {
                throw r;
            }
            throw (IOException) f;
        }
        device.force(false);
        return System.nanoTime() - t0;
    }

    /** Cuts the fragment list at every staging-buffer boundary of the file's logical range. */
    private static List<Slice> slices(List<Fragment> fragments, int stagingBytes) {
        List<Slice> slices = new ArrayList<>();
        List<Fragment> pieces = new ArrayList<>();
        long fileOffset = 0;
        int filled = 0;
        for (Fragment f : fragments) {
            long off = f.offset(), left = f.length();
            while (left > 0) {
                int take = (int) Math.min(left, stagingBytes - filled);
                pieces.add(new Fragment(off, take));
                filled += take;
                off += take;
                left -= take;
                if (filled == stagingBytes) {
                    slices.add(new Slice(fileOffset, pieces));
                    fileOffset += filled;
                    pieces = new ArrayList<>();
                    filled = 0;
                }
            }
        }
        if (filled > 0) {
            slices.add(new Slice(fileOffset, pieces));
        }
        return slices;
    }
}
