package defragcheck.harness;

import defragcheck.harness.report.ReportSite;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code defragcheck check [--root DIR] [--report DIR] [MODEL...]}: checks every model the manifests declare (or the
 * ones named) in this JVM, prints the result table, then each counterexample and each mismatch.
 * Exit status 0 iff every model gave its declared result, 1 if one gave another verdict, 2 for bad input:
 * bad arguments, an unreadable manifest, or a model TLC could not check (a parse or configuration error,
 * an unwritable working folder), each said in one line on stderr. {@code --report DIR} also writes the
 * reviewer's site ({@link ReportSite}) there; a DIR that is a file or a symbolic link is bad input, refused
 * before anything runs.
 */
public final class CheckCommand {
    static final String USAGE = "usage: check [--root DIR] [--report DIR] [MODEL...] (default: every model of model/manifest.json and"
            + " proofs/manifest.json; --report writes a static site there: index.html with the verdicts, a sequence diagram and an"
            + " ITF trace per counterexample)";

    private CheckCommand() {}

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path root = ProjectRoot.get();
        List<String> names = new ArrayList<>();
        Path report = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help")) {
                out.println(USAGE);
                return 0;
            } else if (args[i].equals("--root") && i + 1 < args.length) root = Path.of(args[++i]).toAbsolutePath().normalize();
            else if (args[i].equals("--report")) {
                if (i + 1 >= args.length || args[i + 1].isEmpty() || args[i + 1].startsWith("-")) {
                    err.println("check: --report needs a directory (" + USAGE + ")");
                    return 2;
                }
                report = Path.of(args[++i]);
                String bad = ReportSite.unusable(report);
                if (bad != null) {
                    err.println("check: --report: " + bad);
                    return 2;
                }
            }
            else if (args[i].startsWith("-")) {
                err.println("check: unknown option " + args[i] + " (" + USAGE + ")");
                return 2;
            } else names.add(args[i]);
        }
        List<DeclaredModel> models;
        try {
            models = select(root, names);
        } catch (Manifest.Invalid e) {
            err.println("check: " + e.getMessage());
            return 2;
        }

        ResultTable table = new ResultTable(out, models);
        table.header();
        List<Comparison> results = new ArrayList<>();
        for (DeclaredModel d : models) {
            Comparison c = Comparison.of(d, TlcRunner.check(d.model()));
            table.row(c);
            results.add(c);
        }
        long unchecked = 0;
        long wrong = 0;
        for (Comparison c : results) {
            if (!c.matches() && c.result().verdict() == Verdict.ERROR) {
                err.println("check: " + c.declared().name() + ": TLC could not check it: " + c.result().error());
                unchecked++;
            } else if (!c.matches()) {
                out.println("\nMISMATCH " + c.report());
                wrong++;
            } else if (!c.result().counterexample().states().isEmpty()) {
                out.println();
                out.print(CounterexampleText.render(c.result()));
            }
        }
        if (report != null) {
            try {
                List<String> pages = ReportSite.write(report, root, results);
                out.printf("%nReport: %s (%d counterexample pages)%n", report.resolve("index.html"), pages.size());
            } catch (IOException e) {
                err.println("check: --report: cannot write " + report + ": " + e.getMessage());
                return 2;
            }
        }
        out.printf("%n%d of %d models gave their declared result.%n", results.size() - unchecked - wrong, results.size());
        return unchecked > 0 ? 2 : wrong > 0 ? 1 : 0;
    }

    /** The models of model/manifest.json (and proofs/manifest.json if present), or those named. */
    static List<DeclaredModel> select(Path root, List<String> names) throws Manifest.Invalid {
        List<DeclaredModel> all = new ArrayList<>(Manifest.read(root, Manifest.MODELS).models());
        if (Manifest.exists(root, Manifest.PROOFS)) all.addAll(Manifest.read(root, Manifest.PROOFS).models());
        if (names.isEmpty()) return all;
        List<DeclaredModel> chosen = new ArrayList<>();
        for (String name : names) {
            chosen.add(all.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow(() ->
                    new Manifest.Invalid("no model " + name + " in the manifests (models: "
                            + String.join(", ", all.stream().map(DeclaredModel::name).toList()) + ")")));
        }
        return chosen;
    }
}
