package defragcheck.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import defragcheck.conformance.ImplDriver;
import defragcheck.conformance.ImplRig;
import defragcheck.conformance.ModelConstants;
import defragcheck.conformance.Models;
import defragcheck.conformance.SpecModel;
import defragcheck.conformance.StateComparison;
import defragcheck.conformance.crash.CrashRecoveryOracle;
import defragcheck.conformance.crash.CrashStateMapping;
import defragcheck.conformance.crash.RecoveredStateMapping;
import defragcheck.impl.fs.CrashAblation;
import defragcheck.impl.io.DirectIo;
import tla2sany.semantic.OpDeclNode;
import tlc2.tool.TLCState;
import tlc2.util.FP64;
import tlc2.value.impl.Value;

/**
 * Crash conformance: a drain-evict-copy-swap run of the implementation, with the DecsCrashNoDax model's constants and
 * a write and fsync before and after the defrag, follows a behaviour of DefragCrash.tla step by step (each
 * implementation step is one or two spec steps: the swap is LogIntent then CommitSwap, unmount's checkpoint is
 * Checkpoint); then at every crash state of its recorded device writes ({@link CrashExplorer}: every flush prefix
 * plus any subset of the open epoch's writes, a second crash during recovery, torn metadata writes) the recovered
 * implementation must be a state that TLC's Crash then Recover reach from a spec state of that epoch, and satisfy
 * the model's invariants (DurableIntegrity, SwapAtomic, Conservation, CNoExposure, ...). Without the barrier, the
 * intent record or the journal replay, some recovered state is not one the spec allows.
 */
class CrashConformanceTest {
    /** The run the spec follows has no crash: crashes are what the explorer adds afterwards. */
    private static final Set<String> CRASH_ACTIONS = Set.of("Crash", "Recover");
    private static final List<String> CRASH_GHOSTS = List.of("durable", "home", "jlog", "jdurable", "floor");

    /** What a run gave: the crash states explored, the spec states followed, the allowed recovered states TLC enumerated. */
    private record Outcome(CrashExplorer.Result explored, int checked, Map<String, Integer> violatedInvariants, int specStates,
            int allowedStates) {
        @Override
        public String toString() {
            return explored + "; " + checked + " recovered states mapped and checked against " + allowedStates
                    + " states TLC's Crash then Recover reach from the " + specStates + " pre-crash spec states; invariants violated "
                    + violatedInvariants;
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DecsCrashNoDax", "DecsCrashDax"})
    void everyRecoveredStateIsOneTheSpecAllowsAfterCrashAndRecover(String model) throws Exception {
        long start = System.nanoTime();
        Outcome o = run(model, null);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("crash conformance, %s: %s; %.1f s with the run, %.0f recovered states/s%n", model, o, seconds,
                o.checked() / seconds);
        assertEquals(0, o.explored().violating(), o.toString());
        assertTrue(o.violatedInvariants().isEmpty(), o.toString());
        assertEquals(o.explored().states(), o.checked(), "every crash state recovered and was checked: " + o);
        assertTrue(o.explored().states() >= 20 && o.explored().recoveryCrashes() > 0 && o.explored().torn() > 0, o.toString());
    }

    /** Each ablation leaves recovered states the spec does not allow, and the invariant that explains it fails on them. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"NO_BARRIER, CNoExposure", "NO_INTENT, SwapAtomic", "NO_REPLAY, DurableIntegrity"})
    void withoutABarrierIntentOrReplayARecoveredStateIsNotAllowed(CrashAblation ablation, String invariant) throws Exception {
        Outcome o = run("DecsCrashNoDax", ablation);
        System.out.println("crash conformance without " + ablation + ": " + o.toString().lines().findFirst().orElse(""));
        assertTrue(o.explored().byKind().getOrDefault("not allowed", 0) > 0, ablation + ": every recovered state conformed: " + o);
        assertTrue(o.violatedInvariants().getOrDefault(invariant, 0) > 0, ablation + " should violate " + invariant + ": " + o);
    }

    /** Records the run (with {@code ablation}, if not null), follows it in the spec, and checks every crash state. */
    private static Outcome run(String model, CrashAblation ablation) throws Exception {
        SpecModel spec = SpecModel.load(Models.named(model));
        ModelConstants constants = ModelConstants.of(spec);
        CrashRecorder recorder = new CrashRecorder();
        List<Map<Long, TLCState>> windows = new ArrayList<>();
        byte[][] initial;
        ImplRig rig = ImplRig.create(constants, Models.imageDir(), Set.of());
        Follower run;
        try {
            if (ablation != null && ablation != CrashAblation.NO_REPLAY) {
                rig.fs().ablate(ablation);
            }
            initial = new byte[(int) rig.fs().device().blocks()][];
            for (int b = 0; b < initial.length; b++) {
                initial[b] = rig.fs().device().readBlock(b);
            }
            rig.fs().device().record(recorder);
            run = new Follower(spec, rig, recorder, windows);
            schedule(run, rig);
        } catch (Throwable t) {
            rig.close();
            throw t;
        }
        // unmount: sync, then the journal is checkpointed (the spec's Checkpoint)
        run.lastStep(() -> rig.close(), (s, t) -> !same(s, t, "home"));

        CrashRecoveryOracle oracle = new CrashRecoveryOracle(spec, new RecoveredStateMapping(spec, rig));
        Set<CrashAblation> recovery = ablation == CrashAblation.NO_REPLAY ? Set.of(CrashAblation.NO_REPLAY) : Set.of();
        List<List<CrashRecorder.Write>> epochs = recorder.epochs();
        assertEquals(windows.size(), epochs.size(), "spec states for every flush epoch");
        CrashExplorer.Result r = CrashExplorer.explore(initial, epochs, recovery,
                (fs, epoch) -> oracle.check(fs, List.copyOf(windows.get(epoch).values())), 1);
        int allowed = 0;
        Map<Long, TLCState> all = new LinkedHashMap<>();
        windows.forEach(all::putAll);
        for (TLCState s : all.values()) {
            allowed += oracle.afterCrashAndRecover(s).size();
        }
        return new Outcome(r, oracle.checked(), oracle.violatedInvariants(), all.size(), allowed);
    }

    /**
     * The run: write 1 and fsync; the defrag's steps; a direct write 2 to the moved range and fsync (so a recovery
     * that loses the swap loses it too); where the model allows a third write, one never fsynced. Every
     * implementation step names the spec step(s) it is.
     */
    private static void schedule(Follower run, ImplRig rig) throws IOException {
        BiPredicate<TLCState, TLCState> plain = (s, t) -> CRASH_GHOSTS.stream().allMatch(v -> same(s, t, v));
        BiPredicate<TLCState, TLCState> fsync = (s, t) -> !same(s, t, "floor");
        run.step(() -> rig.bufferedWrite("orig", 1), plain);
        run.step(() -> rig.fs().sync(), fsync);
        while (!rig.mover(1).step().equals("SwapExtents")) { // LockInodes (one inode a step) .. CopyData
            run.step(() -> rig.defragStep(1), plain);
        }
        run.step(() -> rig.defragStep(1), (s, t) -> !same(s, t, "jlog"), // LogIntent
                (s, t) -> !same(s, t, "jdurable") && !same(s, t, "emap")); // CommitSwap
        run.step(() -> rig.defragStep(1), plain); // Unlock
        if (rig.constants().dax()) { // the spec's direct write under DAX
            run.step(() -> rig.bufferedWrite("orig", 2), plain);
        } else {
            run.step(() -> rig.dioSubmit("orig", 2), plain);
            DirectIo.DioRecord dio = rig.inFlight().get(0);
            run.step(() -> rig.dioComplete(dio), plain);
        }
        run.step(() -> rig.fs().sync(), fsync);
        if (rig.constants().maxWrites() > 2) { // never fsynced: a crash may lose it
            run.step(() -> rig.bufferedWrite("orig", 1), plain);
        }
    }

    /** Whether variable {@code v} has the same value in two spec states (by fingerprint: TLC's equals is not symmetric between lazy and explicit values). */
    private static boolean same(TLCState s, TLCState t, String v) {
        return s.lookup(v).fingerPrint(FP64.New()) == t.lookup(v).fingerPrint(FP64.New());
    }

    /** Runs implementation steps, follows them in the spec, and notes the spec states each flush epoch saw (by fingerprint). */
    private static final class Follower {
        private final SpecModel spec;
        private final ImplRig rig;
        private final CrashRecorder recorder;
        private final List<Map<Long, TLCState>> windows;
        private final CrashStateMapping mapping;
        private TLCState current;

        Follower(SpecModel spec, ImplRig rig, CrashRecorder recorder, List<Map<Long, TLCState>> windows) {
            this.spec = spec;
            this.rig = rig;
            this.recorder = recorder;
            this.windows = windows;
            this.mapping = new CrashStateMapping(spec, rig);
            this.current = spec.init();
            windows.add(new LinkedHashMap<>(Map.of(current.fingerPrint(), current)));
        }

        /**
         * One implementation step that is the spec steps {@code specSteps}, in order, each the one successor (not a
         * stutter) its predicate accepts; the last must also have the implementation's state after the step.
         */
        @SafeVarargs
        final void step(ImplDriver.IoAction impl, BiPredicate<TLCState, TLCState>... specSteps) throws IOException {
            follow(impl, true, List.of(specSteps));
        }

        /** The same for the step that closes the implementation (its state can no longer be observed). */
        void lastStep(ImplDriver.IoAction impl, BiPredicate<TLCState, TLCState> specStep) throws IOException {
            follow(impl, false, List.of(specStep));
        }

        private void follow(ImplDriver.IoAction impl, boolean observe, List<BiPredicate<TLCState, TLCState>> specSteps) throws IOException {
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
                if (next.size() != 1) {
                    throw new AssertionError("spec step " + (i + 1) + " of the implementation step in flush epoch " + epochBefore + ": "
                            + next.size() + " spec successors match, expected 1; spec state:\n" + StateComparison.print(from)
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

        /** The variables of {@code s} that are not Defrag.tla's (the implementation's state is printed with them). */
        private static Map<String, Value> crashVars(TLCState s) {
            Map<String, Value> out = new HashMap<>();
            for (OpDeclNode v : TLCState.vars) {
                String name = v.getName().toString();
                if (!CrashStateMapping.DEFRAG_VARS.contains(name)) {
                    out.put(name, (Value) s.lookup(name));
                }
            }
            return out;
        }

        /** The spec state has the implementation's values for every variable of Defrag.tla (as StateComparison compares). */
        private static boolean agrees(TLCState spec, TLCState impl) {
            for (String v : CrashStateMapping.DEFRAG_VARS) {
                if (!spec.lookup(v).equals(impl.lookup(v))) {
                    return false;
                }
            }
            return true;
        }
    }
}
