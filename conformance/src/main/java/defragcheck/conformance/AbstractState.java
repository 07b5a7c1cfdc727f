package defragcheck.conformance;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import defragcheck.impl.cache.Page;
import defragcheck.impl.cache.PageKey;
import defragcheck.impl.cache.Pte;
import defragcheck.impl.device.AlignedBuffers;
import defragcheck.impl.device.BlockDevice;
import defragcheck.impl.fs.Extent;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.io.DirectIo;
import defragcheck.impl.observe.BlockPayload;
import defragcheck.impl.observe.BlockValue;

/**
 * The implementation's state in the spec's vocabulary (Environment.tla's variables). Files are inode
 * numbers, logical blocks are 0-based, physical blocks are device block numbers; a lock holder or a defrag is
 * named by its actor id. Durable: disk, emap, unwritten. Volatile: cache, pte, dio, rwsem, ilock, step. Ghost:
 * lastWrite.
 */
public record AbstractState(
        Map<Long, BlockValue> disk,
        Map<Integer, Map<Long, Long>> emap,
        Set<PageKey> unwritten,
        Map<PageKey, CachedPage> cache,
        Map<PageKey, Mapping> pte,
        List<InFlightDio> dio,
        Map<Integer, String> rwsem,
        Map<Integer, String> ilock,
        Map<String, String> step,
        Map<PageKey, BlockValue> lastWrite,
        Set<Integer> dax) {

    /** A cached page: its value, dirty bit and the block writeback will write it to. */
    public record CachedPage(BlockValue val, boolean dirty, long blk) {}

    /** A pte: to the page ({@code block == null}) or, DAX, to a physical block. */
    public record Mapping(Long block, boolean writable) {}

    /** A direct write in flight: the block captured at submission and the value it carries. */
    public record InFlightDio(int ino, long lblock, long blk, BlockValue val) {}

    /**
     * Captures the state of a filesystem, with the ghost {@code lastWrite} (a {@link WriteGhost}'s). Reads every data
     * block: use small images. Exact only between steps, when no step is running (a scheduler holds every actor).
     */
    public static AbstractState capture(Filesystem fs, Map<PageKey, BlockValue> lastWrite) throws IOException {
        Map<Long, BlockValue> disk = readDisk(fs);
        Map<Integer, Map<Long, Long>> emap = new TreeMap<>();
        Set<PageKey> unwritten = new TreeSet<>();
        Map<Integer, String> rwsem = new TreeMap<>();
        Map<Integer, String> ilock = new TreeMap<>();
        Set<Integer> dax = new TreeSet<>();
        for (Inode i : fs.names().inodes()) {
            Map<Long, Long> m = new TreeMap<>();
            for (Extent e : i.extentMap().extents()) {
                for (long k = 0; k < e.length(); k++) {
                    m.put(e.lblock() + k, e.pblock() + k);
                    if (e.unwritten()) {
                        unwritten.add(new PageKey(i.ino(), e.lblock() + k));
                    }
                }
            }
            emap.put(i.ino(), Collections.unmodifiableMap(m));
            if (i.rwsem.holder() != null) {
                rwsem.put(i.ino(), i.rwsem.holder());
            }
            if (i.invalidateLock.holder() != null) {
                ilock.put(i.ino(), i.invalidateLock.holder());
            }
            if (i.isDax()) {
                dax.add(i.ino());
            }
        }
        Map<PageKey, CachedPage> cache = new TreeMap<>();
        for (Map.Entry<PageKey, Page> e : fs.cache().all().entrySet()) {
            Page p = e.getValue();
            cache.put(e.getKey(), new CachedPage(BlockPayload.decode(p.data()), p.dirty(), p.blk()));
        }
        Map<PageKey, Mapping> pte = new TreeMap<>();
        for (Map.Entry<PageKey, Pte> e : fs.ptes().all().entrySet()) {
            Pte p = e.getValue();
            pte.put(e.getKey(), new Mapping(p.mapsPage() ? null : p.block(), p.writable()));
        }
        List<InFlightDio> dio = new ArrayList<>();
        for (DirectIo.DioRecord r : fs.direct().inFlight()) {
            dio.add(new InFlightDio(r.inode().ino(), r.lblock(), r.blk(), BlockPayload.decode(r.data())));
        }
        Map<String, String> step = new TreeMap<>();
        for (Map.Entry<String, Filesystem.StepReporter> e : fs.defrags().entrySet()) {
            step.put(e.getKey(), e.getValue().step());
        }
        return new AbstractState(Collections.unmodifiableMap(disk), Collections.unmodifiableMap(emap),
                Collections.unmodifiableSet(unwritten), Collections.unmodifiableMap(cache), Collections.unmodifiableMap(pte),
                List.copyOf(dio), Collections.unmodifiableMap(rwsem), Collections.unmodifiableMap(ilock),
                Collections.unmodifiableMap(step), Collections.unmodifiableMap(new TreeMap<>(lastWrite)),
                Collections.unmodifiableSet(dax));
    }

    private static Map<Long, BlockValue> readDisk(Filesystem fs) throws IOException {
        Map<Long, BlockValue> disk = new TreeMap<>();
        long first = fs.superblock().dataStart();
        long total = fs.device().blocks();
        int chunk = (int) Math.max(1, Math.min(256, total - first)); // small images: no 1 MiB buffer per snapshot
        ByteBuffer buf = AlignedBuffers.allocate(chunk * BlockDevice.BLOCK_SIZE);
        for (long b = first; b < total; b += chunk) {
            int n = (int) Math.min(chunk, total - b);
            buf.clear().limit(n * BlockDevice.BLOCK_SIZE);
            fs.device().read(b, buf);
            for (int k = 0; k < n; k++) {
                disk.put(b + k, BlockPayload.decode(buf, k * BlockDevice.BLOCK_SIZE));
            }
        }
        return disk;
    }

    /**
     * What a reader of {@code <<ino, lblock>>} sees: Zero if unwritten (or a hole); non-DAX: the cached page's
     * value if cached, else the mapped block's; DAX: the mapped block's.
     */
    public BlockValue readerView(int ino, long lblock) {
        PageKey key = new PageKey(ino, lblock);
        Long blk = emap.getOrDefault(ino, Map.of()).get(lblock);
        if (blk == null || unwritten.contains(key)) {
            return BlockValue.ZERO;
        }
        if (!dax.contains(ino) && cache.containsKey(key)) {
            return cache.get(key).val();
        }
        return disk.get(blk);
    }

    /** Integrity: the logical blocks whose reader view is not their last completed write. */
    public List<PageKey> integrityViolations() {
        List<PageKey> bad = new ArrayList<>();
        for (Map.Entry<PageKey, BlockValue> e : lastWrite.entrySet()) {
            PageKey k = e.getKey();
            if (emap.containsKey(k.ino()) && !readerView(k.ino(), k.lblock()).equals(e.getValue())) {
                bad.add(k);
            }
        }
        return bad;
    }

    /** Conservation: the physical blocks mapped by more than one <<file, lblock>>. */
    public List<Long> blocksMappedTwice() {
        Map<Long, Integer> uses = new TreeMap<>();
        for (Map<Long, Long> m : emap.values()) {
            for (Long p : m.values()) {
                uses.merge(p, 1, Integer::sum);
            }
        }
        List<Long> twice = new ArrayList<>();
        uses.forEach((p, n) -> {
            if (n > 1) {
                twice.add(p);
            }
        });
        return twice;
    }

    /** NoExposure: the <<file, lblock>> whose reader view is Garbage or another block's data. */
    public List<PageKey> exposures() {
        List<PageKey> bad = new ArrayList<>();
        for (Map.Entry<Integer, Map<Long, Long>> f : emap.entrySet()) {
            for (Long l : f.getValue().keySet()) {
                BlockValue v = readerView(f.getKey(), l);
                if (v instanceof BlockValue.Garbage
                        || v instanceof BlockValue.Written w && (w.ino() != f.getKey() || w.lblock() != l)) {
                    bad.add(new PageKey(f.getKey(), l));
                }
            }
        }
        return bad;
    }

    /** Quiescence: direct I/O in flight whose captured block is no longer what its file maps there. */
    public List<InFlightDio> misdirectedDio() {
        List<InFlightDio> bad = new ArrayList<>();
        for (InFlightDio d : dio) {
            if (!Long.valueOf(d.blk()).equals(emap.getOrDefault(d.ino(), Map.of()).get(d.lblock()))) {
                bad.add(d);
            }
        }
        return bad;
    }

    /**
     * NoStaleMapping (to be asserted outside a defrag's locked window): cached pages whose block, and DAX ptes whose
     * target, is not what the file maps at that logical block.
     */
    public List<PageKey> staleMappings() {
        List<PageKey> bad = new ArrayList<>();
        cache.forEach((k, p) -> {
            if (!Long.valueOf(p.blk()).equals(emap.getOrDefault(k.ino(), Map.of()).get(k.lblock()))) {
                bad.add(k);
            }
        });
        pte.forEach((k, m) -> {
            if (m.block() != null && !m.block().equals(emap.getOrDefault(k.ino(), Map.of()).get(k.lblock()))) {
                bad.add(k);
            }
        });
        return bad;
    }
}
