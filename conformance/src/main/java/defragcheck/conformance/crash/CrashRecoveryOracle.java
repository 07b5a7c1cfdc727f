package defragcheck.conformance.crash;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import defragcheck.conformance.SpecModel;
import defragcheck.conformance.StateComparison;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.observe.BlockValue;
import tlc2.tool.TLCState;

/**
 * Whether a recovered implementation state is one the spec allows: TLC enumerates the Crash successors of a
 * pre-crash spec state and the Recover successor of each (DecsCrash.tla), and the implementation's recovered state,
 * mapped by {@link RecoveredStateMapping}, must be one of them and satisfy the model's invariants, evaluated by TLC.
 * A crash state of the implementation is judged against the spec states its run passed through while the device was
 * in the crash state's flush epoch: the crash happened at one of them.
 */
public final class CrashRecoveryOracle {
    private final SpecModel spec;
    private final RecoveredStateMapping mapping;
    private final Map<Long, List<TLCState>> recoveredFrom = new HashMap<>();
    private final Map<String, Integer> violatedInvariants = new TreeMap<>();
    private int checked;
    private int intermediate;

    public CrashRecoveryOracle(SpecModel spec, RecoveredStateMapping mapping) {
        this.spec = spec;
        this.mapping = mapping;
    }

    /** The states Recover reaches from the states Crash reaches from {@code preCrash}. */
    public List<TLCState> afterCrashAndRecover(TLCState preCrash) {
        return recoveredFrom.computeIfAbsent(preCrash.fingerPrint(), fp -> {
            List<TLCState> out = new ArrayList<>();
            for (SpecModel.Step crash : spec.successors(preCrash)) {
                if (crash.name().equals("Crash")) {
                    for (SpecModel.Step recover : spec.successors(crash.state())) {
                        if (recover.name().equals("Recover")) {
                            out.add(recover.state());
                        }
                    }
                }
            }
            if (out.isEmpty()) {
                throw new IllegalStateException(spec.model().name() + ": no Crash then Recover from\n" + StateComparison.print(preCrash));
            }
            return out;
        });
    }

    /**
     * The violations of the just-recovered filesystem {@code fs} (empty: it is a state the spec allows after a crash at
     * one of {@code preCrash} and recovery, and the model's invariants hold on it).
     *
     * <p>{@code overwritten}: per device block, each value written to it in the crash's flush epoch but overwritten in
     * the same epoch, mapped to the epoch's last value there. The device may keep such an intermediate value; the
     * spec's Crash omits it and, as its header says, every property treats it like the newest one (both are writes
     * since the last fsync). So membership is decided with the intermediate value read as the newest, and the
     * invariants are evaluated on the state as recovered, with the ghosts of the pre-crash state it is allowed from.
     */
    public List<String> check(Filesystem fs, List<TLCState> preCrash, Map<Long, Map<BlockValue, BlockValue>> overwritten) throws IOException {
        checked++;
        RecoveredStateMapping.Observation seen = mapping.observe(fs);
        TLCState impl = null;
        TLCState nearest = null;
        List<String> badWhereAllowed = null;
        for (TLCState s : preCrash) {
            impl = mapping.toTlc(seen, s, Map.of());
            TLCState asSpec = overwritten.isEmpty() ? impl : mapping.toTlc(seen, s, overwritten);
            for (TLCState allowed : afterCrashAndRecover(s)) {
                if (StateComparison.same(allowed, asSpec)) {
                    List<String> bad = spec.violatedInvariants(impl);
                    if (bad.isEmpty()) {
                        intermediate += StateComparison.same(asSpec, impl) ? 0 : 1;
                        return List.of();
                    }
                    badWhereAllowed = bad; // with this state's ghosts; another state of the epoch may still fit
                    break;
                }
                if (nearest == null || StateComparison.differing(allowed, asSpec).size() < StateComparison.differing(nearest, asSpec).size()) {
                    nearest = allowed;
                }
            }
        }
        if (badWhereAllowed != null) {
            badWhereAllowed.forEach(name -> violatedInvariants.merge(name, 1, Integer::sum));
            return List.of("invariant: " + badWhereAllowed + " on\n" + StateComparison.print(impl));
        }
        List<String> out = new ArrayList<>();
        out.add("not allowed: no crash at the " + preCrash.size() + " spec states of its epoch recovers to it; nearest allowed (left) and the implementation (right):\n"
                + StateComparison.sideBySide(nearest, impl));
        List<String> bad = spec.violatedInvariants(impl);
        bad.forEach(name -> violatedInvariants.merge(name, 1, Integer::sum));
        if (!bad.isEmpty()) {
            out.add("invariant: " + bad);
        }
        return out;
    }

    /** How many of the recovered states checked so far violate each invariant of the model. */
    public Map<String, Integer> violatedInvariants() {
        return Map.copyOf(violatedInvariants);
    }

    /** Allowed recovered states that hold a value overwritten in their flush epoch (read as the newest to match). */
    public int intermediateValues() {
        return intermediate;
    }

    /** Recovered states checked so far. */
    public int checked() {
        return checked;
    }
}
