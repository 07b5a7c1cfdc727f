package defragcheck.kernel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The user-level guarantee, checked on a {@link History}: every read of a block returns the last write to it that
 * was acknowledged before the read began, or a write still in flight during the read (one invoked before the read
 * was acknowledged); never the donor's data, zeros, another file's data or garbage. Each block has one writer at a
 * time (the workloads partition the blocks among the writers), so a block's writes are totally ordered. Generation
 * 0, the initial content, counts as a write acknowledged before the run.
 */
public final class HistoryChecker {
    /**
     * One read that broke the guarantee, with what it was allowed to return. {@code olderMix}: the block was not
     * intact but every byte of it is some earlier write's of this block (a block torn by a store during its
     * writeback and then kept, e.g. by a copy-and-exchange): a lost write, not foreign data.
     */
    public record Violation(History.Read read, List<Long> allowed, boolean olderMix) {
        /** The read returned this block's own data, only not the right generation(s). */
        public boolean ownData() {
            return read.value().kind() == BlockContent.Kind.VALUE || olderMix;
        }

        @Override
        public String toString() {
            return "block " + read.block() + " via " + read.path() + " returned " + (olderMix ? "a mix of older writes" : read.value())
                    + ", allowed gens " + allowed + " (read ticks " + read.invoke() + ".." + read.ack() + ")";
        }
    }

    /** Reads checked, reads that overlapped a write of the same block and saw a mix of allowed values, violations. */
    public record Report(int reads, int torn, List<Violation> violations) {
        public boolean ok() {
            return violations.isEmpty();
        }
    }

    private HistoryChecker() {}

    public static Report check(History h) {
        Map<Integer, List<History.Write>> byBlock = new HashMap<>();
        for (History.Write w : h.writes()) {
            byBlock.computeIfAbsent(w.block(), b -> new ArrayList<>()).add(w);
        }
        byBlock.values().forEach(ws -> ws.sort(Comparator.comparingLong(History.Write::invoke)));
        List<Violation> bad = new ArrayList<>();
        int torn = 0;
        List<History.Read> reads = h.reads();
        for (History.Read r : reads) {
            List<Long> allowed = allowed(byBlock.getOrDefault(r.block(), List.of()), r.invoke(), r.ack());
            if (r.value().kind() == BlockContent.Kind.VALUE && allowed.contains(r.value().generation())) {
                continue;
            }
            if (r.value().kind() == BlockContent.Kind.GARBAGE && allowed.size() > 1
                    && BlockContent.tornBetween(r.raw(), r.block(), allowed.stream().mapToLong(Long::longValue).toArray())) {
                torn++;
                continue;
            }
            List<History.Write> ws = byBlock.getOrDefault(r.block(), List.of());
            bad.add(new Violation(r, allowed, r.value().kind() == BlockContent.Kind.GARBAGE && mixOfEarlierWrites(r, ws)));
        }
        return new Report(reads.size(), torn, bad);
    }

    /** Whether every byte of a garbage read is that of some write of the block invoked before the read ended (or gen 0). */
    private static boolean mixOfEarlierWrites(History.Read r, List<History.Write> writes) {
        long[] gens = java.util.stream.LongStream.concat(java.util.stream.LongStream.of(0),
                writes.stream().filter(w -> w.invoke() <= r.ack()).mapToLong(History.Write::generation)).toArray();
        return BlockContent.tornBetween(r.raw(), r.block(), gens);
    }

    /**
     * The generations a read of a block during [invoke, ack] may return, given the block's writes in order (one
     * writer per block: each write is acknowledged before the next is invoked, so invokes and acks both ascend).
     */
    static List<Long> allowed(List<History.Write> writes, long invoke, long ack) {
        int lo = 0, hi = writes.size(); // first write not acknowledged before the read began
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (writes.get(mid).ack() < invoke) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        List<Long> out = new ArrayList<>();
        out.add(lo == 0 ? 0 : writes.get(lo - 1).generation());
        for (int i = lo; i < writes.size() && writes.get(i).invoke() <= ack; i++) {
            out.add(writes.get(i).generation());
        }
        return out;
    }

    /**
     * The generations block {@code block} may hold after a crash: the last write acknowledged before the fsync
     * that made the file durable began ({@code fsyncInvoke}), or any later write (it may have reached the disk).
     */
    public static List<Long> allowedAfterCrash(List<History.Write> writesOfBlock, long fsyncInvoke) {
        long base = 0;
        List<Long> out = new ArrayList<>();
        for (History.Write w : writesOfBlock) {
            if (w.ack() < fsyncInvoke) {
                base = w.generation();
            }
        }
        out.add(base);
        for (History.Write w : writesOfBlock) {
            if (w.ack() >= fsyncInvoke) {
                out.add(w.generation());
            }
        }
        return out;
    }
}
