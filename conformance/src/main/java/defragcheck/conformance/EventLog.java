package defragcheck.conformance;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import defragcheck.impl.observe.Action;
import defragcheck.impl.observe.BlockPayload;
import defragcheck.impl.observe.BlockValue;
import defragcheck.impl.observe.StepHook;

/**
 * The recorder of a free run: appends each step's event, in the order the steps call {@link #linearized} (each
 * holding the lock that orders it against conflicting steps, so the order is a linearization of the run), in the
 * spec's vocabulary of the rig's model (spec/Trace.tla): files by name, logical blocks 1-based, device blocks
 * renamed by the initial layout, a DAX inode's writes, faults and stores as the spec's Dax actions, defrags by
 * their 1-based id. Values are decoded at once (the caller's array is valid during the call only); writes get
 * their numbers when the log is rendered, in log order. It never blocks and never decides anything.
 */
public final class EventLog implements StepHook {
    /** One logged event; {@code value} is null where the action carries none, {@code d} 0 for a user's step. */
    public record Entry(String action, String file, int lb, Integer blk, BlockValue value, int d) {}

    private static final Map<Action, String> DAX_NAMES = Map.of(Action.BufferedWrite, "DaxWrite", Action.MmapFault, "DaxFault",
            Action.MmapStore, "DaxStore");
    private static final Set<Action> DEFRAG_STEPS = EnumSet.of(Action.LockInodes, Action.LockInvalidate, Action.DrainDio,
            Action.FlushCache, Action.EvictCache, Action.CopyData, Action.SwapExtents, Action.Unlock, Action.MovePage);
    /** The spec's actions that issue a write: the write's number is issued + 1 at this event. */
    private static final List<String> ISSUES = List.of("BufferedWrite", "DaxWrite", "DioSubmit", "MmapStore", "DaxStore");

    private final ImplRig rig;
    private final ConcurrentLinkedQueue<Entry> entries = new ConcurrentLinkedQueue<>();

    public EventLog(ImplRig rig) {
        this.rig = rig;
    }

    @Override
    public void linearized(Event e) {
        BlockValue value = e.data() == null ? null : BlockPayload.decode(e.data());
        if (DEFRAG_STEPS.contains(e.action())) {
            entries.add(new Entry(e.action().name(), null, 0, null, null, Integer.parseInt(e.actor())));
            return;
        }
        boolean dax = rig.fs().names().inodeIfPresent(e.ino()).isDax();
        String action = dax ? DAX_NAMES.getOrDefault(e.action(), e.action().name()) : e.action().name();
        entries.add(new Entry(action, rig.fileName(e.ino()), (int) e.lblock() + 1, e.blk() < 0 ? null : rig.specBlock(e.blk()), value, 0));
    }

    /** A read the rig made while no actor ran: the spec must let a read of that block return {@code data} then. */
    public void observeRead(int ino, long lblock, byte[] data) {
        entries.add(new Entry("Read", rig.fileName(ino), (int) lblock + 1, null, BlockPayload.decode(data), 0));
    }

    public List<Entry> entries() {
        return new ArrayList<>(entries);
    }

    /** The writes the log issues (the trace's MaxWrites). */
    public int writes() {
        return (int) entries.stream().filter(x -> ISSUES.contains(x.action())).count();
    }

    /** Each event as a TLA+ record (an element of spec/Trace.tla's Log), writes numbered in log order. */
    static List<String> render(List<Entry> log) {
        Map<BlockValue, Integer> numbers = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (Entry x : log) {
            StringBuilder b = new StringBuilder("[a |-> \"").append(x.action()).append('"');
            if (x.d() > 0) {
                b.append(", d |-> ").append(x.d());
            } else {
                b.append(", f |-> \"").append(x.file()).append("\", lb |-> ").append(x.lb());
                if (x.blk() != null) {
                    b.append(", blk |-> ").append(x.blk());
                }
                if (x.value() != null) {
                    if (ISSUES.contains(x.action())) {
                        numbers.put(x.value(), numbers.size() + 1);
                    }
                    b.append(", v |-> ").append(value(x.value(), numbers));
                }
            }
            out.add(b.append(']').toString());
        }
        return out;
    }

    /** A value as spec/Trace.tla encodes it: a write's number, 0 for Zero, -1 for Garbage, -2 for a write never logged. */
    private static String value(BlockValue v, Map<BlockValue, Integer> numbers) {
        if (v instanceof BlockValue.Written) {
            return String.valueOf(numbers.getOrDefault(v, -2));
        }
        return v instanceof BlockValue.Zero ? "0" : "-1";
    }
}
