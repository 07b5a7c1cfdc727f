package defragcheck.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.BeforeProperty;
import tlc2.tool.TLCState;

/**
 * Implementation to spec (trace validation): the implementation's actors run under an interleaving jqwik chooses
 * (deterministically, one step at a time) and with real threads; every consecutive pair of its states must be a
 * step of Next or a stutter, and the model's invariants, evaluated by TLC, must hold in every state. LegacyDax is
 * expected to break its invariants (that is its counterexample), so there only the steps are checked.
 */
class ImplToSpecPropertyTest {

    @BeforeProperty
    void freshSpec() {
        LoadedSpec.forget();
    }

    @Property(tries = 100)
    void decsNoDax(@ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 999) Integer> choices) throws Exception {
        validates("DecsNoDaxImpl", choices, true);
    }

    @Property(tries = 100)
    void decsDax(@ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 999) Integer> choices) throws Exception {
        validates("DecsDax", choices, true);
    }

    @Property(tries = 100)
    void legacyNoDax(@ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 999) Integer> choices) throws Exception {
        validates("LegacyNoDaxImpl", choices, true);
    }

    @Property(tries = 100)
    void legacyDaxStepsAreSpecSteps(@ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 999) Integer> choices) throws Exception {
        validates("LegacyDax", choices, false);
    }

    @Property(tries = 12)
    void decsNoDaxRealThreads(@ForAll long seed) throws Exception {
        threaded("DecsNoDaxImpl", seed);
    }

    @Property(tries = 12)
    void decsDaxRealThreads(@ForAll long seed) throws Exception {
        threaded("DecsDax", seed);
    }

    @Property(tries = 12)
    void legacyNoDaxRealThreads(@ForAll long seed) throws Exception {
        threaded("LegacyNoDaxImpl", seed);
    }

    static void validates(String model, List<Integer> choices, boolean invariants) throws Exception {
        SpecModel spec = LoadedSpec.of(model);
        try (ImplRig rig = ImplRig.create(ModelConstants.of(spec), Models.imageDir(), Set.of())) {
            List<TLCState> trace = new ImplDriver(rig).run(spec, choices);
            TraceValidator.Verdict v = TraceValidator.validate(spec, trace, invariants);
            assertTrue(v.valid(), () -> model + ": " + v + "\nsteps before: " + v.actions());
        }
    }

    static void threaded(String model, long seed) throws Exception {
        SpecModel spec = LoadedSpec.of(model);
        try (ImplRig rig = ImplRig.createUngated(ModelConstants.of(spec), Models.imageDir(), Set.of())) {
            List<TLCState> trace = ThreadedRun.run(spec, rig, seed, 2, 6);
            TraceValidator.Verdict v = TraceValidator.validate(spec, trace, true);
            assertTrue(v.valid(), () -> model + ": " + v + "\nsteps before: " + v.actions());
            assertTrue(v.actions().stream().anyMatch(a -> a.startsWith("Unlock")), () -> "the defrag never finished: " + v.actions());
        }
    }
}
