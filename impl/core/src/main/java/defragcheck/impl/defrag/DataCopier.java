package defragcheck.impl.defrag;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import defragcheck.impl.device.AlignedBuffers;
import defragcheck.impl.device.BlockDevice;
import defragcheck.impl.device.DaxWindow;

/**
 * copyData's engine: copies physical runs (source → destination) without the page cache. Destinations are cut into
 * chunks of up to 1 MiB of contiguous blocks; worker threads each gather one chunk's source pieces with positional
 * O_DIRECT reads (so {@code threads} requests are outstanding, which is what small fragments need) and write the
 * chunk with one large sequential write. For DAX the copy is loads and stores through the device mapping.
 */
final class DataCopier {
    static final int CHUNK_BLOCKS = 256;

    /** Copy {@code count} blocks from physical {@code src} to physical {@code dst}. */
    record Run(long src, long dst, long count) {}

    private record Piece(long src, int offsetBlocks, int count) {}

    private record Chunk(long dst, int count, List<Piece> pieces) {}

    private DataCopier() {}

    static void copyDirect(BlockDevice device, List<Run> runs, int threads) throws IOException {
        List<Chunk> chunks = chunk(runs);
        AtomicInteger next = new AtomicInteger();
        AtomicReference<IOException> failure = new AtomicReference<>();
        Runnable worker = () -> {
            ByteBuffer buf = AlignedBuffers.allocate(CHUNK_BLOCKS * BlockDevice.BLOCK_SIZE);
            for (int i = next.getAndIncrement(); i < chunks.size() && failure.get() == null; i = next.getAndIncrement()) {
                Chunk c = chunks.get(i);
                try {
                    for (Piece p : c.pieces()) {
                        buf.limit((p.offsetBlocks() + p.count()) * BlockDevice.BLOCK_SIZE).position(p.offsetBlocks() * BlockDevice.BLOCK_SIZE);
                        device.read(p.src(), buf);
                    }
                    buf.position(0).limit(c.count() * BlockDevice.BLOCK_SIZE);
                    device.write(c.dst(), buf);
                } catch (IOException e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        int n = Math.min(threads, Math.max(1, chunks.size()));
        List<Thread> pool = new ArrayList<>();
        for (int t = 1; t < n; t++) {
            Thread th = new Thread(worker, "copyData-" + t);
            th.setDaemon(true);
            th.start();
            pool.add(th);
        }
        worker.run(); // the calling thread is worker 0
        for (Thread th : pool) {
            joinUninterruptibly(th);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    static void copyDax(DaxWindow window, List<Run> runs) {
        for (Run r : runs) {
            for (long k = 0; k < r.count(); k++) {
                window.store(r.dst() + k, window.load(r.src() + k));
            }
        }
    }

    /** Cuts the destination into chunks of contiguous blocks, each at most {@link #CHUNK_BLOCKS}. */
    private static List<Chunk> chunk(List<Run> runs) {
        List<Run> sorted = new ArrayList<>(runs);
        sorted.sort((a, b) -> Long.compare(a.dst(), b.dst()));
        List<Chunk> chunks = new ArrayList<>();
        long chunkDst = -1;
        int chunkCount = 0;
        List<Piece> pieces = new ArrayList<>();
        for (Run r : sorted) {
            long done = 0;
            while (done < r.count()) {
                long dst = r.dst() + done;
                if (chunkCount == CHUNK_BLOCKS || (chunkCount > 0 && chunkDst + chunkCount != dst)) {
                    chunks.add(new Chunk(chunkDst, chunkCount, pieces));
                    pieces = new ArrayList<>();
                    chunkCount = 0;
                }
                if (chunkCount == 0) {
                    chunkDst = dst;
                }
                int take = (int) Math.min(r.count() - done, CHUNK_BLOCKS - chunkCount);
                pieces.add(new Piece(r.src() + done, chunkCount, take));
                chunkCount += take;
                done += take;
            }
        }
        if (chunkCount > 0) {
            chunks.add(new Chunk(chunkDst, chunkCount, pieces));
        }
        return chunks;
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
