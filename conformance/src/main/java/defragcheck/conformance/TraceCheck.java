package defragcheck.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import defragcheck.harness.CheckResult;
import defragcheck.harness.Leftovers;
import defragcheck.harness.Model;
import defragcheck.harness.ProjectRoot;
import defragcheck.harness.TlcRunner;

/**
 * Validates an event log against a model with TLC (spec/Trace.tla): writes a model that extends the base model
 * and Trace, with the base model's constants (its bounds raised to the run's blocks and writes) and the log as
 * {@code Log}, and lets TLC search for a behaviour that consumes the log. TLC decides; this class only reads its
 * verdict: the trace invariant TraceUnfinished violated is a conforming run, anything else (no violation: the
 * log cannot be consumed; another invariant violated; an error) is not.
 */
public final class TraceCheck {
    /** {@code consumed}: how many events a behaviour of the spec matched (the depth TLC reached). */
    public record Verdict(boolean conforms, long consumed, int events, String why, List<String> log, Path kept) {
        @Override
        public String toString() {
            if (conforms) {
                return "conforms: " + events + " events";
            }
            StringBuilder b = new StringBuilder(why).append(" (the log and its model: ").append(kept).append(")\n");
            int from = (int) Math.max(0, consumed - 8);
            for (int i = from; i < Math.min(log.size(), consumed + 3); i++) {
                b.append(i == consumed ? " -> " : "    ").append(i + 1).append(' ').append(log.get(i)).append('\n');
            }
            return b.toString();
        }
    }

    private static final Pattern BOUND = Pattern.compile("^(\\s*)(LBlocks|MaxWrites)\\s*=\\s*\\d+\\s*$");

    private TraceCheck() {}

    /** Validates {@code log}, a run of a rig of model {@code base} with {@code lblocks} blocks a file. */
    public static Verdict check(Model base, int lblocks, EventLog log) {
        return check(base, lblocks, log.writes(), EventLog.render(log.entries()));
    }

    /** Validates the rendered events {@code events} (each a TLA+ record) that issue {@code writes} writes. */
    public static Verdict check(Model base, int lblocks, int writes, List<String> events) {
        Path dir = TlcRunner.WORK.resolve("trace").resolve(Leftovers.name(base.name()));
        String name = base.name() + "Trace";
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".tla"), module(name, base, events));
            Files.writeString(dir.resolve(name + ".cfg"), cfg(base, lblocks, writes));
            List<Path> library = new ArrayList<>(base.library());
            library.add(0, base.tla().getParent());
            CheckResult r = TlcRunner.check(Model.of(dir, name, library));
            Verdict v = verdict(r, events, dir);
            if (v.conforms()) {
                Leftovers.deleteTree(dir);
            }
            return v;
        } catch (IOException e) {
            Leftovers.deleteTree(dir);
            throw new UncheckedIOException(e);
        }
    }

    /** A refused log's model stays in {@code dir} (under target/), to be checked again by hand. */
    private static Verdict verdict(CheckResult r, List<String> events, Path dir) {
        if (r.verdict() == defragcheck.harness.Verdict.SAFETY_FAILURE && "TraceUnfinished".equals(r.violated())) {
            return new Verdict(true, events.size(), events.size(), null, events, null);
        }
        long consumed = Math.max(0, r.depth() - 1);
        String why = switch (r.verdict()) {
            case SUCCESS -> "no behaviour of the spec consumes the log: event " + (consumed + 1) + " of " + events.size()
                    + " matches no step: " + (consumed < events.size() ? events.get((int) consumed) : "(none)");
            case SAFETY_FAILURE -> "invariant " + r.violated() + " is violated after event " + (r.counterexample().states().size() - 1);
            default -> "TLC: " + r.verdict().label() + (r.error() == null ? "" : ": " + r.error());
        };
        if (r.verdict() == defragcheck.harness.Verdict.SAFETY_FAILURE) {
            consumed = r.counterexample().states().size() - 1;
        }
        return new Verdict(false, consumed, events.size(), why, events, dir);
    }

    private static String module(String name, Model base, List<String> events) {
        return "---- MODULE " + name + " ----\n"
                + "\\* A run of the implementation, validated against " + base.name() + " (spec/Trace.tla); generated.\n"
                + "EXTENDS " + base.module() + ", Trace\n\n"
                + "TraceLog == <<\n" + String.join(",\n", events) + "\n>>\n\n"
                + "TraceInit == Init /\\ l = 1\n"
                + "TraceNext == TraceEnv \\/ TraceDefrag(DefragStep)\n"
                + "====\n";
    }

    /**
     * The base cfg's constants with the run's bounds (one write more than the log issues: a fault is a step only while
     * a write may follow), its invariants plus TraceUnfinished; no deadlock check.
     */
    private static String cfg(Model base, int lblocks, int writes) throws IOException {
        StringBuilder constants = new StringBuilder();
        List<String> invariants = new ArrayList<>();
        String section = "";
        for (String line : Files.readAllLines(base.cfg())) {
            String t = line.strip();
            if (t.matches("[A-Z_]+") || t.startsWith("SPECIFICATION") || t.startsWith("INVARIANT")) {
                section = t.split("\\s+")[0];
                continue;
            }
            if (t.isEmpty() || t.startsWith("\\*")) {
                continue;
            }
            if (section.startsWith("CONSTANT")) {
                Matcher m = BOUND.matcher(line);
                constants.append(m.matches() ? m.group(1) + m.group(2) + " = " + (m.group(2).equals("LBlocks") ? lblocks : writes + 1) : line)
                        .append('\n');
            } else if (section.startsWith("INVARIANT")) {
                invariants.add(t);
            }
        }
        invariants.add("TraceUnfinished");
        return "INIT TraceInit\nNEXT TraceNext\nCONSTANTS\n" + constants + "    Log <- TraceLog\nINVARIANTS\n    "
                + String.join("\n    ", invariants) + "\nCHECK_DEADLOCK FALSE\n";
    }
}
