package defragcheck.conformance;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;

import defragcheck.impl.cache.PageKey;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.observe.Action;
import defragcheck.impl.observe.BlockPayload;
import defragcheck.impl.observe.BlockValue;
import defragcheck.impl.observe.ContentCheck;
import defragcheck.impl.observe.StepHook;

/**
 * The spec's ghost {@code lastWrite}, kept outside the filesystem: the value of each block's last acknowledged
 * write, taken from the writes' events at their linearization points (a buffered or DAX write, a direct write's
 * completion, a store through a mapping), so it changes in the order the writes took effect.
 */
public final class WriteGhost implements StepHook {
    private static final Set<Action> WRITES = Set.of(Action.BufferedWrite, Action.DioComplete, Action.MmapStore);

    private final ConcurrentSkipListMap<PageKey, BlockValue> last = new ConcurrentSkipListMap<>();

    /** A ghost that sees every later write of {@code fs} (added to the filesystem's hook). */
    public static WriteGhost attach(Filesystem fs) {
        WriteGhost g = new WriteGhost();
        fs.setHook(StepHook.both(fs.hook(), g));
        return g;
    }

    @Override
    public void linearized(Event e) {
        if (WRITES.contains(e.action())) {
            last.put(new PageKey(e.ino(), e.lblock()), BlockPayload.decode(e.data()));
        }
    }

    /** Writes made outside the I/O paths (a bulk writer's): every block of {@code inode} is {@code writer}'s {@code seq}. */
    public void wroteAll(Inode inode, int writer, long seq) {
        for (long l = 0; l < inode.sizeBlocks(); l++) {
            last.put(new PageKey(inode.ino(), l), new BlockValue.Written(inode.ino(), l, writer, seq));
        }
    }

    /** The ghost (a live concurrent view). */
    public Map<PageKey, BlockValue> lastWrite() {
        return Collections.unmodifiableMap(last);
    }

    /** Every block of {@code inode} must read as its last acknowledged write, or Zero if never written. */
    public ContentCheck.Report verify(Inode inode) throws IOException {
        Map<PageKey, BlockValue> now = Map.copyOf(last);
        return ContentCheck.verify(inode, l -> now.getOrDefault(new PageKey(inode.ino(), l), BlockValue.ZERO));
    }
}
