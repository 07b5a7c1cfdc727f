package defragcheck.harness;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import tlc2.TLC;
import tlc2.TLCGlobals;
import tlc2.output.OutputCollector;
import util.ToolIO;
import util.UniqueString;

/**
 * TLC keeps its configuration and some run state in static fields, and {@code handleParameters} only
 * sets them when a flag is given. This puts them back to a fresh JVM's values so that the next run in
 * this JVM gives the answer a fresh {@code java tlc2.TLC} would (each line marked "required" was seen
 * to change a later run's answer when left out). Code that drives TLC's {@code FastTool} itself (conformance) calls
 * this before loading a spec too, and reloads its spec after any {@link TlcRunner} run.
 */
public final class TlcStatics {
    private TlcStatics() {}

    public static void reset() {
        TLCGlobals.setNumWorkers(1);
        TLCGlobals.DFIDMax = -1;
        TLCGlobals.continuation = false;
        TLCGlobals.printDiffsOnly = false;
        TLCGlobals.warn = true;
        TLCGlobals.useView = false;
        TLCGlobals.useGZIP = false;
        TLCGlobals.debug = false;
        TLCGlobals.tool = false;
        TLCGlobals.expand = true;
        TLCGlobals.coverageInterval = -1;
        TLCGlobals.metaDir = null;
        TLCGlobals.setBound = 1_000_000;
        TLCGlobals.enumBound = 2000;
        TLCGlobals.lnCheck = "default";
        TLCGlobals.chkptDuration = TLCGlobals.DEFAULT_CHECKPOINT_DURATION;
        TLCGlobals.mainChecker = null;
        TLCGlobals.simulator = null;
        TLC.setTraceNum(Integer.MAX_VALUE);
        OutputCollector.setTrace(new ArrayList<>());
        OutputCollector.setInitialState(null);
        OutputCollector.setModuleNode(null);
        clearList(OutputCollector.class, "allMessages");
        clearList(OutputCollector.class, "violatedAssumptions");
        // Required: otherwise every liveness check after one violation reports a violation.
        setInt("tlc2.tool.liveness.LiveWorker", "errFoundByThread", -1);
        // Required: TLC returns some I/O buffers to this pool twice; two files later share one buffer.
        setInt("tlc2.util.BufferedRandomAccessFile", "numAvailBuffs", 0);
        ToolIO.reset();
        ToolIO.setUserDir(null);
        // Required: identifiers keep the variable/definition slot of the previous spec otherwise.
        // (UniqueString.initialize() would detach TLC's own static UniqueStrings; never call it.)
        for (UniqueString u : UniqueString.internTbl.toMap().values()) {
            u.setLoc(-1);
        }
    }

    private static void clearList(Class<?> owner, String name) {
        try {
            Field f = owner.getDeclaredField(name);
            f.setAccessible(true);
            ((List<?>) f.get(null)).clear();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("TLC changed: no static list " + owner.getName() + "." + name, e);
        }
    }

    private static void setInt(String owner, String name, int value) {
        try {
            Field f = Class.forName(owner).getDeclaredField(name);
            f.setAccessible(true);
            f.setInt(null, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("TLC changed: no static int " + owner + "." + name, e);
        }
    }
}
