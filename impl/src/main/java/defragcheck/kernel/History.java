package defragcheck.kernel;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a free-running workload did, in the order of one logical clock: every write's invoke and acknowledgement,
 * every read's invoke, acknowledgement and value. The checker ({@link HistoryChecker}) judges it afterwards.
 */
public final class History {
    /** A write of generation {@code generation} to block {@code block}, by writer {@code kind}. */
    public record Write(int block, long generation, long invoke, long ack, String kind) {}

    /** A read of block {@code block} through {@code path}; {@code raw} is kept only when the block was not intact. */
    public record Read(int block, BlockContent.Observed value, long invoke, long ack, String path, byte[] raw) {}

    private final AtomicLong clock = new AtomicLong(1);
    private final AtomicLong generations = new AtomicLong(0);
    private final ConcurrentLinkedQueue<Write> writes = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Read> reads = new ConcurrentLinkedQueue<>();

    /** A tick of the logical clock: take one before an operation (invoke) and one after (ack). */
    public long tick() {
        return clock.getAndIncrement();
    }

    /** A generation no write has used yet. */
    public long nextGeneration() {
        return generations.incrementAndGet();
    }

    public void wrote(int block, long generation, long invoke, long ack, String kind) {
        writes.add(new Write(block, generation, invoke, ack, kind));
    }

    public void read(int block, byte[] data, long invoke, long ack, String path) {
        BlockContent.Observed v = BlockContent.classify(data, block);
        reads.add(new Read(block, v, invoke, ack, path, v.kind() == BlockContent.Kind.VALUE ? null : data.clone()));
    }

    public List<Write> writes() {
        return List.copyOf(writes);
    }

    public List<Read> reads() {
        return List.copyOf(reads);
    }
}
