package defragcheck.harness.report;

import defragcheck.harness.ActionInstance;
import defragcheck.harness.Change;
import defragcheck.harness.TraceState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which actor took a step: the spec's actions (Environment.tla and the protocol modules) by name, a
 * defrag's steps by their parameter {@code d}. The device is the actor that receives every step's
 * writes to what the device holds ({@link #DEVICE_VARIABLES}).
 */
final class ActorLanes {
    static final Lane BUFFERED = new Lane("write", "write(2) writer", Lane.Kind.WRITER);
    static final Lane DIRECT = new Lane("direct", "O_DIRECT writer", Lane.Kind.WRITER);
    static final Lane MMAP = new Lane("mmap", "mmap writer", Lane.Kind.WRITER);
    static final Lane READER = new Lane("reader", "reader", Lane.Kind.READER);
    static final Lane WRITEBACK = new Lane("writeback", "writeback / reclaim / fsync", Lane.Kind.WRITEBACK);
    static final Lane CRASH = new Lane("crash", "crash / recovery", Lane.Kind.CRASH);
    static final Lane OTHER = new Lane("other", "other steps", Lane.Kind.OTHER);
    static final Lane DEVICE = new Lane("device", "device", Lane.Kind.DEVICE);

    /** The variables that stand for what is on the device: data blocks, durable copies, home maps, journal. */
    static final Set<String> DEVICE_VARIABLES = Set.of("disk", "durable", "home", "jlog", "jdurable");

    private static final Map<String, Lane> BY_ACTION = new LinkedHashMap<>();

    static {
        for (String a : List.of("BufferedWrite", "DaxWrite", "Write", "WriteElsewhere")) BY_ACTION.put(a, BUFFERED);
        for (String a : List.of("DioSubmit", "DioComplete")) BY_ACTION.put(a, DIRECT);
        for (String a : List.of("MmapFault", "MmapStore", "DaxFault", "DaxStore", "PageDirty")) {
            BY_ACTION.put(a, MMAP);
        }
        for (String a : List.of("ReadFill", "DioReadSubmit", "DioReadComplete", "Stat")) BY_ACTION.put(a, READER);
        for (String a : List.of("Writeback", "ReclaimPage", "Fsync")) BY_ACTION.put(a, WRITEBACK);
        for (String a : List.of("Crash", "Recover")) BY_ACTION.put(a, CRASH);
    }

    private ActorLanes() {}

    /** The lane of the action that took {@code s}; null for the initial state. */
    static Lane of(TraceState s, boolean initial) {
        if (initial) return null;
        return of(s.step());
    }

    static Lane of(ActionInstance step) {
        // Ext4Mext.tla's folio-locking variants of the environment's steps (FolioWriteback, ...) keep their actor.
        String name = step.name().startsWith("Folio") ? step.name().substring("Folio".length()) : step.name();
        Lane known = BY_ACTION.get(name);
        if (known != null) return known;
        String d = step.parameters().get("d");
        if (d != null) return new Lane("defrag-" + d, "defrag d = " + d, Lane.Kind.DEFRAG);
        return OTHER;
    }

    /** The lanes the steps use, in display order, the device last if any step writes to it. */
    static List<Lane> used(List<TraceState> states, ActionInstance loopStep) {
        Map<String, Lane> lanes = new LinkedHashMap<>();
        boolean device = false;
        for (int i = 1; i < states.size(); i++) {
            Lane l = of(states.get(i).step());
            lanes.putIfAbsent(l.id(), l);
            device |= !deviceWrites(states.get(i).changes()).isEmpty();
        }
        if (loopStep != null) lanes.putIfAbsent(of(loopStep).id(), of(loopStep));
        List<Lane> out = new ArrayList<>(lanes.values());
        out.sort(Comparator.comparing((Lane l) -> l.kind().ordinal()).thenComparing(ActorLanes::order));
        if (device) out.add(DEVICE);
        return out;
    }

    private static String order(Lane l) {
        List<Lane> fixed = List.of(BUFFERED, DIRECT, MMAP, READER, WRITEBACK, CRASH, OTHER);
        int i = fixed.indexOf(l);
        return i >= 0 ? String.format("%02d", i) : l.id();
    }

    /** The changes of a step that write to the device. */
    static List<Change> deviceWrites(List<Change> changes) {
        return changes.stream().filter(c -> DEVICE_VARIABLES.contains(variable(c.path()))).toList();
    }

    static String variable(String path) {
        int i = 0;
        while (i < path.length() && (Character.isLetterOrDigit(path.charAt(i)) || path.charAt(i) == '_')) i++;
        return path.substring(0, i);
    }
}
