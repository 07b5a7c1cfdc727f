package defragcheck.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import defragcheck.conformance.RandomWalk;
import defragcheck.conformance.SpecModel;
import defragcheck.harness.CfgVariant;
import defragcheck.harness.CheckCommand;
import defragcheck.harness.DeclaredModel;
import defragcheck.harness.Manifest;
import defragcheck.harness.Model;
import defragcheck.harness.ProjectRoot;
import defragcheck.harness.TlcRunner;
import defragcheck.harness.Verdict;
import util.ToolIO;

/**
 * {@code walk MODEL [--set NAME=N]... [--behaviours N] [--depth N] [--seed S]}: random behaviours of a declared model,
 * its integer constants optionally raised beyond any exhaustive run (e.g. {@code --set LBlocks=8 --set MaxWrites=20}),
 * with the model's invariants checked on every state. Reports the behaviours and steps walked. Exit 0 if the walk
 * agrees with the declared result (no violation for a passing model; the declared invariant for a failing one), 1 if
 * not, 2 for bad input.
 */
public final class WalkCommand {
    static final String USAGE = "usage: walk MODEL [--set NAME=N]... [--behaviours N (1000)] [--depth N (200)] [--seed S (1)]";

    private WalkCommand() {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (Arrays.asList(args).contains("--help")) {
            out.println(USAGE);
            return 0;
        }
        String name = null;
        Map<String, Integer> set = new LinkedHashMap<>();
        long behaviours = 1000;
        int depth = 200;
        long seed = 1;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--set" -> {
                        String kv = value(args, ++i, a);
                        int eq = kv.indexOf('=');
                        if (eq <= 0) throw new IllegalArgumentException("--set needs NAME=N, got '" + kv + "'");
                        set.put(kv.substring(0, eq), (int) number(kv.substring(eq + 1), "--set " + kv.substring(0, eq), 0, 1000));
                    }
                    case "--behaviours" -> behaviours = number(value(args, ++i, a), a, 1, 100_000_000);
                    case "--depth" -> depth = (int) number(value(args, ++i, a), a, 1, 1_000_000);
                    case "--seed" -> seed = number(value(args, ++i, a), a, Long.MIN_VALUE, Long.MAX_VALUE);
                    default -> {
                        if (a.startsWith("-") || name != null) throw new IllegalArgumentException("unexpected " + a);
                        name = a;
                    }
                }
            }
            if (name == null) throw new IllegalArgumentException("needs a MODEL");
        } catch (IllegalArgumentException e) {
            err.println("walk: " + e.getMessage() + " (" + USAGE + ")");
            return 2;
        }
        DeclaredModel declared;
        Model model;
        try {
            declared = CheckCommand.select(ProjectRoot.get(), List.of(name)).get(0);
            model = set.isEmpty() ? declared.model()
                    : CfgVariant.of(declared.model(), set, TlcRunner.WORK.resolve("walk"));
        } catch (Manifest.Invalid | IllegalArgumentException e) {
            err.println("walk: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("walk: cannot write the model variant: " + e.getMessage());
            return 2;
        }
        SpecModel spec;
        PrintStream console = ToolIO.out;
        ToolIO.out = new PrintStream(OutputStream.nullOutputStream());  // the parser's progress lines
        try {
            spec = SpecModel.load(model);
        } catch (RuntimeException e) {
            err.println("walk: " + name + ": TLC cannot load it: " + e.getMessage());
            return 2;
        } finally {
            ToolIO.out = console;
        }
        out.printf("walk: %s%s, %,d behaviours of at most %,d steps, seed %d; invariants %s checked on every state%n",
                name, set.isEmpty() ? "" : " with " + set, behaviours, depth, seed, spec.invariantNames());
        RandomWalk.Report r = RandomWalk.run(spec, seed, behaviours, depth);
        out.printf("walked %,d behaviours, %,d steps (longest %,d; %,d reached a state with only stutter steps) in %.1f s%n",
                r.behaviours(), r.steps(), r.longest(), r.deadEnds(), r.time().toNanos() / 1e9);
        if (r.violation() == null) {
            out.println("no violation");
            if (declared.expected() == Verdict.SUCCESS) return 0;
            out.println("(declared " + declared.expectation() + ": the walk did not find it)");
            return 1;
        }
        RandomWalk.Violation v = r.violation();
        out.printf("VIOLATION of %s in behaviour %,d after %d steps: %s%n", String.join(", ", v.invariants()), v.behaviour(),
                v.actions().size() - 1, String.join(" -> ", v.actions()));
        out.println("last state:\n" + v.state());
        boolean declaredOne = declared.expected() == Verdict.SAFETY_FAILURE && v.invariants().contains(declared.violated());
        if (!declaredOne) out.println("(declared " + declared.expectation() + ")");
        return declaredOne ? 0 : 1;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }

    private static long number(String v, String option, long min, long max) {
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a whole number in " + min + ".." + max + ", got '" + v + "'");
    }

}
