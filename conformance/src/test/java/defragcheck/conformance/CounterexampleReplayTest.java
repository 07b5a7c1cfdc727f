package defragcheck.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import defragcheck.harness.CheckResult;
import defragcheck.harness.Model;
import defragcheck.harness.TlcRunner;
import defragcheck.harness.Verdict;
import defragcheck.impl.cache.PageKey;
import defragcheck.impl.device.BlockDevice;
import defragcheck.impl.observe.BlockPayload;
import defragcheck.impl.observe.BlockValue;

/**
 * TLC's counterexample for legacy + DAX, taken from the model checker, replayed on the implementation over a real
 * image: the bytes read back are not the last completed write (the donor's stale block shows through), and TLC,
 * evaluating the model's invariants on the implementation's states, names the same invariant. The same schedule
 * proposed to drain-evict-copy-swap keeps every block, and its event log is a behaviour of the DECS spec.
 */
class CounterexampleReplayTest {

    @Test
    void legacyDaxCounterexampleCorruptsTheImageAndDecsKeepsTheData() throws Exception {
        Model legacyDax = Models.named("LegacyDax");
        CheckResult checked = TlcRunner.check(legacyDax);
        assertEquals(Verdict.SAFETY_FAILURE, checked.verdict(), checked::output);
        LoadedSpec.forget();
        SpecModel legacy = LoadedSpec.of(legacyDax);
        List<SpecModel.Step> behaviour = ScheduleStep.behaviour(legacy, checked.counterexample());
        List<ScheduleStep> schedule = behaviour.stream().map(ScheduleStep::of).toList();
        ModelConstants constants = ModelConstants.of(legacy);

        try (ImplRig rig = ImplRig.create(constants, Models.imageDir(), Set.of())) {
            Replayer.Result replay = Replayer.replay(legacy, behaviour, rig);
            assertTrue(replay.conforms(), () -> String.valueOf(replay.mismatch()));
            TraceValidator.Verdict v = TraceValidator.validate(legacy, replay.implStates(), true);
            assertEquals(replay.implStates().size() - 1, v.failedAt(), "the last state breaks an invariant: " + v);
            assertTrue(v.reason().contains(checked.violated()), v::reason);
            List<String> corrupt = corruptBlocks(rig);
            assertFalse(corrupt.isEmpty(), "legacy + DAX: some block should read back wrong");
            System.out.println("LegacyDax counterexample " + schedule + " replayed on " + rig.fs().device().path()
                    + ": " + corrupt);
        }

        Model decsSetting = ModelVariant.onModule(legacyDax, "Ext4Legacy", "Decs");
        SpecModel decs = LoadedSpec.of(decsSetting);
        ModelConstants decsConstants = ModelConstants.of(decs);
        assertTrue(decsConstants.decs() && decsConstants.dax());
        try (ImplRig rig = ImplRig.create(decsConstants, Models.imageDir(), Set.of())) {
            TraceCheck.Verdict v = TraceCheck.check(decsSetting, decsConstants.lblocks(), ScheduleRunner.run(decs, rig, schedule, true));
            assertTrue(v.conforms(), v::toString);
            assertEquals(List.of(), corruptBlocks(rig), "drain-evict-copy-swap keeps every block");
        }
    }

    /** The user files' blocks whose bytes, read through the file now, are not the bytes of their last completed write. */
    static List<String> corruptBlocks(ImplRig rig) throws Exception {
        List<String> bad = new ArrayList<>();
        for (String f : rig.constants().userFiles()) {
            int ino = rig.file(f).ino();
            for (int lb = 1; lb <= rig.constants().lblocks(); lb++) {
                BlockValue last = Map.copyOf(rig.ghost().lastWrite())
                        .getOrDefault(new PageKey(ino, lb - 1), BlockValue.ZERO);
                byte[] want = last instanceof BlockValue.Written w ? BlockPayload.encode(w.ino(), w.lblock(), w.writer(), w.seq())
                        : new byte[BlockDevice.BLOCK_SIZE];
                byte[] got = rig.read(f, lb);
                if (!java.util.Arrays.equals(want, got)) {
                    bad.add(f + " block " + lb + ": read " + BlockPayload.decode(got) + ", last write " + last);
                }
            }
        }
        return bad;
    }
}
