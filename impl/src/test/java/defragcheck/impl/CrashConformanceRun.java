package defragcheck.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

import defragcheck.conformance.ImplRig;
import defragcheck.conformance.ModelConstants;
import defragcheck.conformance.Models;
import defragcheck.conformance.SpecModel;
import defragcheck.conformance.StateComparison;
import defragcheck.conformance.crash.CrashAblation;
import defragcheck.conformance.crash.CrashRecoveryOracle;
import defragcheck.conformance.StateMapping;
import defragcheck.conformance.crash.RecoveredStateMapping;
import defragcheck.impl.defrag.MoveExtents;
import defragcheck.impl.observe.BlockPayload;
import defragcheck.impl.observe.BlockValue;
import tla2sany.semantic.OpDeclNode;
import tlc2.tool.TLCState;
import tlc2.util.FP64;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;

/**
 * A crash-conformance run: the implementation's steps, each followed in DecsCrash.tla (one or more spec steps: the
 * swap is LogIntent then CommitSwap, unmount's checkpoint is CheckpointHome per inode then FreeRecord) with the spec
 * states each flush epoch of the
 * device saw; then every crash state of the recorded writes ({@link CrashExplorer}) recovered and judged by
 * {@link CrashRecoveryOracle} against the spec states of its epoch.
 */
final class CrashConformanceRun {
    /** One operation of the implementation the spec follows. */
    @FunctionalInterface
    interface Action {
        void run() throws IOException;
    }

    /** The run the spec follows has no crash: crashes are what the explorer adds afterwards. */
    private static final Set<String> CRASH_ACTIONS = Set.of("Crash", "Recover");
    private static final List<String> CRASH_GHOSTS = List.of("durable", "home", "jlog", "jdurable", "floor");

    /** A writer's, reader's, flusher's or defrag step but the swap: the crash variables stay. */
    static final BiPredicate<TLCState, TLCState> PLAIN = (s, t) -> CRASH_GHOSTS.stream().allMatch(v -> same(s, t, v));
    /**
     * Fsync, told by its effect: the device is flushed (durable = disk, the journal durable), floor is the last
     * completed write, and since holds only the direct writes in flight; the maps and the journal stay.
     */
    static final BiPredicate<TLCState, TLCState> FSYNC = (s, t) -> same(t, "durable", t, "disk") && same(t, "jdurable", t, "jlog")
            && same(t, "floor", t, "lastWrite") && sinceIsInFlight(t) && same(s, t, "home") && same(s, t, "jlog");
    /** Writeback of one dirty page (a page goes clean; nothing else a writer, reader or defrag changes). */
    static final BiPredicate<TLCState, TLCState> WRITEBACK = (s, t) -> PLAIN.test(s, t) && dirtyPages(t) == dirtyPages(s) - 1
            && List.of("emap", "unwritten", "dio", "rwsem", "ilock", "step", "lastWrite", "issued").stream().allMatch(v -> same(s, t, v));
    static final BiPredicate<TLCState, TLCState> LOG_INTENT = (s, t) -> !same(s, t, "jlog");
    static final BiPredicate<TLCState, TLCState> COMMIT_SWAP = (s, t) -> !same(s, t, "jdurable") && !same(s, t, "emap");
    /** One inode's committed map written home (CheckpointHome). */
    static final BiPredicate<TLCState, TLCState> CHECKPOINT_HOME = (s, t) -> !same(s, t, "home") && same(s, t, "jlog");
    /** Both maps home, the record freed (FreeRecord). */
    static final BiPredicate<TLCState, TLCState> FREE_RECORD = (s, t) -> !same(s, t, "jlog") && same(s, t, "home");

    /** The implementation steps of a run, each given to the follower with the spec steps it is. */
    @FunctionalInterface
    interface Schedule {
        void run(Follower follower, ImplRig rig) throws IOException;
    }

    private CrashConformanceRun() {}

    /** What a run gave: the crash states explored, the spec states followed, the allowed recovered states TLC enumerated. */
    record Outcome(CrashExplorer.Result explored, int checked, int intermediate, Map<String, Integer> violatedInvariants, int specStates,
            int allowedStates) {
        @Override
        public String toString() {
            return explored + "; " + checked + " recovered states mapped and checked (" + intermediate
                    + " holding a value overwritten in their epoch, read as the newest) against " + allowedStates
                    + " states TLC's Crash then Recover reach from the " + specStates + " pre-crash spec states; invariants violated "
                    + violatedInvariants;
        }
    }

    /** Records {@code schedule}'s run (with {@code ablation}, if not null), follows it in the spec, and checks every crash state. */
    static Outcome run(String model, CrashAblation ablation, Schedule schedule, long seed) throws Exception {
        SpecModel spec = SpecModel.load(Models.named(model));
        ModelConstants constants = ModelConstants.of(spec);
        CrashRecorder recorder = new CrashRecorder();
        List<Map<Long, TLCState>> windows = new ArrayList<>();
        byte[][] initial;
        ImplRig rig = ImplRig.create(constants, Models.imageDir(), ablation == null ? MoveExtents::create : ablation::mover);
        Follower run;
        try {
            initial = new byte[(int) rig.fs().device().blocks()][];
            for (int b = 0; b < initial.length; b++) {
                initial[b] = rig.fs().device().readBlock(b);
            }
            rig.fs().device().observe(ablation == null ? recorder : ablation.media(recorder));
            run = new Follower(spec, rig, recorder, windows);
            schedule.run(run, rig);
        } catch (Throwable t) {
            rig.close();
            throw t;
        }
        // unmount: sync, then the journal is checkpointed, one device transaction; the spec writes each inode's map
        // home and then frees the record, a crash possible in between
        run.lastStep(() -> rig.close(), CHECKPOINT_HOME, CHECKPOINT_HOME, FREE_RECORD);

        CrashRecoveryOracle oracle = new CrashRecoveryOracle(spec, new RecoveredStateMapping(spec, rig));
        List<List<CrashRecorder.Write>> epochs = recorder.epochs();
        assertEquals(windows.size(), epochs.size(), "spec states for every flush epoch");
        CrashExplorer.Result r = CrashExplorer.explore(initial, epochs, ablation == null || ablation.replays(),
                (fs, epoch) -> oracle.check(fs, List.copyOf(windows.get(epoch).values()), overwritten(rig, epochs.get(epoch))), seed);
        int allowed = 0;
        Map<Long, TLCState> all = new LinkedHashMap<>();
        windows.forEach(all::putAll);
        for (TLCState s : all.values()) {
            allowed += oracle.afterCrashAndRecover(s).size();
        }
        return new Outcome(r, oracle.checked(), oracle.intermediateValues(), oracle.violatedInvariants(), all.size(), allowed);
    }

    /** Per file block of the device, each value written to it in {@code epoch} but overwritten there, mapped to the epoch's last value. */
    private static Map<Long, Map<BlockValue, BlockValue>> overwritten(ImplRig rig, List<CrashRecorder.Write> epoch) {
        Map<Long, List<BlockValue>> written = new HashMap<>();
        for (CrashRecorder.Write w : epoch) {
            if (rig.specBlock(w.block()) != null) {
                written.computeIfAbsent(w.block(), b -> new ArrayList<>()).add(BlockPayload.decode(w.data()));
            }
        }
        Map<Long, Map<BlockValue, BlockValue>> out = new HashMap<>();
        written.forEach((b, values) -> {
            BlockValue last = values.get(values.size() - 1);
            for (BlockValue v : values) {
                if (!v.equals(last)) {
                    out.computeIfAbsent(b, x -> new HashMap<>()).put(v, last);
                }
            }
        });
        return out;
    }

    /**
     * The spec steps of the implementation's fsync (sync(2): every dirty page written back, then the flush) from a
     * state with {@code dirty} dirty pages: a Writeback each, then Fsync. The spec's Fsync does both at once; the
     * implementation's device sees the writebacks first, and a crash may come between.
     */
    @SuppressWarnings("unchecked")
    static BiPredicate<TLCState, TLCState>[] fsync(int dirty) {
        List<BiPredicate<TLCState, TLCState>> steps = new ArrayList<>(java.util.Collections.nCopies(dirty, WRITEBACK));
        steps.add(FSYNC);
        return steps.toArray(BiPredicate[]::new);
    }

    /** The implementation's dirty pages now. */
    static int dirtyPages(ImplRig rig) throws IOException {
        return (int) rig.snapshot().state().cache().values().stream().filter(p -> p.dirty()).count();
    }

    private static int dirtyPages(TLCState t) {
        int n = 0;
        for (Value page : ((FcnRcdValue) ((Value) t.lookup("cache")).toFcnRcd()).values) {
            n += ((RecordValue) page.toRcd()).select(new StringValue("dirty")).equals(tlc2.value.impl.BoolValue.ValTrue) ? 1 : 0;
        }
        return n;
    }

    private static boolean sinceIsInFlight(TLCState t) {
        FcnRcdValue since = (FcnRcdValue) ((Value) t.lookup("since")).toFcnRcd();
        Value[] dio = ((SetEnumValue) ((Value) t.lookup("dio")).toSetEnum()).elems.toArray();
        for (int i = 0; i < since.domain.length; i++) {
            Value[] key = ((TupleValue) since.domain[i]).elems;
            List<Value> inFlight = new ArrayList<>();
            for (Value r : dio) {
                RecordValue rec = (RecordValue) r.toRcd();
                if (rec.select(new StringValue("file")).equals(key[0]) && rec.select(new StringValue("lblock")).equals(key[1])) {
                    inFlight.add(rec.select(new StringValue("val")));
                }
            }
            Value issued = since.values[i];
            Value[] writes = ((SetEnumValue) issued.toSetEnum()).elems.toArray();
            if (!inFlight.stream().allMatch(issued::member)
                    || !List.of(writes).stream().allMatch(w -> inFlight.stream().anyMatch(w::equals))) {
                return false;
            }
        }
        return true;
    }

    /** Whether variable {@code v} has the same value in two spec states (by fingerprint: TLC's equals is not symmetric between lazy and explicit values). */
    static boolean same(TLCState s, TLCState t, String v) {
        return same(s, v, t, v);
    }

    private static boolean same(TLCState s, String v, TLCState t, String w) {
        return s.lookup(v).fingerPrint(FP64.New()) == t.lookup(w).fingerPrint(FP64.New());
    }

    /** Runs implementation steps, follows them in the spec, and notes the spec states each flush epoch saw (by fingerprint). */
    static final class Follower {
        private final SpecModel spec;
        private final ImplRig rig;
        private final CrashRecorder recorder;
        private final List<Map<Long, TLCState>> windows;
        private final StateMapping mapping;
        private TLCState current;

        Follower(SpecModel spec, ImplRig rig, CrashRecorder recorder, List<Map<Long, TLCState>> windows) {
            this.spec = spec;
            this.rig = rig;
            this.recorder = recorder;
            this.windows = windows;
            this.mapping = new StateMapping(spec, rig);
            this.current = spec.init();
            windows.add(new LinkedHashMap<>(Map.of(current.fingerPrint(), current)));
        }

        /**
         * One implementation step that is the spec steps {@code specSteps}, in order, each a successor (not a stutter)
         * its predicate accepts: before the last any (e.g. the writebacks of an fsync, in whichever order), the last
         * the one that also has the implementation's state after the step; or the last is a stutter, if the
         * implementation's state is the spec's before it.
         */
        @SafeVarargs
        final void step(Action impl, BiPredicate<TLCState, TLCState>... specSteps) throws IOException {
            follow(impl, true, List.of(specSteps));
        }

        /** The same for the step that closes the implementation (its state can no longer be observed). */
        @SafeVarargs
        final void lastStep(Action impl, BiPredicate<TLCState, TLCState>... specSteps) throws IOException {
            follow(impl, false, List.of(specSteps));
        }

        private void follow(Action impl, boolean observe, List<BiPredicate<TLCState, TLCState>> specSteps) throws IOException {
            int epochBefore = recorder.flushes();
            impl.run();
            TLCState observed = observe ? mapping.toTlc(rig.snapshot(), crashVars(current)) : null;
            List<TLCState> passed = new ArrayList<>(List.of(current));
            for (int i = 0; i < specSteps.size(); i++) {
                boolean last = i == specSteps.size() - 1;
                TLCState from = current;
                BiPredicate<TLCState, TLCState> p = specSteps.get(i);
                Map<Long, TLCState> next = new LinkedHashMap<>();
                for (SpecModel.Step st : spec.successors(from)) {
                    TLCState t = st.state();
                    if (!CRASH_ACTIONS.contains(st.name()) && !StateComparison.same(from, t) && p.test(from, t) && (!last || observed == null || agrees(t, observed))) {
                        next.put(t.fingerPrint(), t);
                    }
                }
                if (next.isEmpty() && last && observed != null && agrees(from, observed)) {
                    break; // the rest of the step changed nothing the spec sees (a writeback of a clean page): a stutter
                }
                if (next.isEmpty() || last && next.size() > 1) {
                    throw new AssertionError("spec step " + (i + 1) + " of the implementation step in flush epoch " + epochBefore + ": "
                            + next.size() + " spec successors match, expected 1 (any, before the last step); spec state:\n" + StateComparison.print(from)
                            + (observed == null ? "" : "implementation:\n" + StateComparison.print(observed)
                                    + "variables differing from each successor: " + spec.successors(from).stream()
                                            .map(st -> StateComparison.differing(st.state(), observed)).toList()));
                }
                current = next.values().iterator().next();
                passed.add(current);
            }
            int epochAfter = recorder.flushes();
            while (windows.size() <= epochAfter) {
                windows.add(new LinkedHashMap<>());
            }
            for (int e = epochBefore; e <= epochAfter; e++) {
                for (TLCState s : passed) {
                    windows.get(e).put(s.fingerPrint(), s);
                }
            }
        }

        /** The variables of {@code s} the implementation's snapshot does not give (it is printed with them). */
        private static Map<String, Value> crashVars(TLCState s) {
            Map<String, Value> out = new HashMap<>();
            for (OpDeclNode v : TLCState.vars) {
                String name = v.getName().toString();
                if (!StateMapping.PROTOCOL_VARS.contains(name)) {
                    out.put(name, (Value) s.lookup(name));
                }
            }
            return out;
        }

        /** The spec state has the implementation's values for every variable a snapshot gives (as StateComparison compares). */
        private static boolean agrees(TLCState spec, TLCState impl) {
            for (String v : StateMapping.PROTOCOL_VARS) {
                if (!spec.lookup(v).equals(impl.lookup(v))) {
                    return false;
                }
            }
            return true;
        }
    }
}
