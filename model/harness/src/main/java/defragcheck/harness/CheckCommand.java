package defragcheck.harness;

import defragcheck.harness.report.ReportSite;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code defragcheck check [--deep] [--workers N] [--disk] [--distributed [--listen ADDRESS] [--port N]] [MODEL...]}:
 * checks every model of the manifests' default set (or the deep set, or the ones named) in this JVM, or on TLC's
 * distributed mode, prints the result table, then each counterexample and each mismatch.
 * Exit status 0 iff every model gave its declared result, 1 if one gave another verdict, 2 for bad input:
 * bad arguments, an unreadable manifest, or a model TLC could not check (a parse or configuration error,
 * an unwritable working folder, a temporal property on distributed TLC), each said in one line on stderr.
 * {@code --report DIR} also writes the reviewer's site ({@link ReportSite}) there; a DIR that is a file or a
 * symbolic link is bad input, refused before anything runs.
 */
public final class CheckCommand {
    static final String USAGE = CheckOptions.USAGE;

    private CheckCommand() {}

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (java.util.Arrays.asList(args).contains("--help")) {
            out.println(USAGE);
            return 0;
        }
        CheckOptions o;
        List<DeclaredModel> models;
        try {
            o = CheckOptions.parse(args);
            models = o.deep() && o.names().isEmpty() ? deepSet(o.root()) : select(o.root(), o.names());
        } catch (IllegalArgumentException e) {
            err.println("check: " + e.getMessage() + " (" + USAGE + ")");
            return 2;
        } catch (Manifest.Invalid e) {
            err.println("check: " + e.getMessage());
            return 2;
        }
        if (o.distributed()) {
            for (DeclaredModel d : models) {
                String why = DistributedTlc.unsupported(d.model());
                if (why != null) {
                    err.println("check: --distributed: " + why);
                    return 2;
                }
            }
        }
        if (o.distributed()) {
            out.printf("TLC's distributed mode: a TLCServer JVM and %d TLCWorker JVM(s) per model, RMI on %s:%d%n",
                    o.workerCount(), o.listen().getHostAddress(), o.port());
        } else if (o.offHeap()) {
            out.printf("TLC's command line, %d worker thread(s); %s%n", o.workerCount(), DiskBackedTlc.describe());
        } else if (o.deep() || o.workers() != null) {
            out.printf("TLC in process, %d worker thread(s); %s%n", o.workerCount(), TlcStorage.describe());
        }

        ResultTable table = new ResultTable(out, models);
        table.header();
        List<Comparison> results = new ArrayList<>();
        for (DeclaredModel d : models) {
            CheckResult r;
            try {
                r = o.distributed()
                        ? DistributedTlc.check(d.model(), new DistributedTlc.Options(o.workerCount(), 1, o.listen(), o.port()), out)
                        : o.offHeap() ? DiskBackedTlc.check(d.model(), o.workerCount())
                        : TlcRunner.check(d.model(), o.workerCount());
            } catch (java.io.IOException e) {
                r = ResultBuilder.error(d.model(), "cannot start a TLC JVM: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                err.println("check: interrupted");
                return 2;
            }
            Comparison c = Comparison.of(d, r);
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
            } else if (c.result().verdict() == Verdict.UNNAMED_VIOLATION) {
                out.printf("%nCounterexample for %s, as distributed TLC's server printed it:%n%s", c.declared().name(),
                        TlcOutput.behaviour(c.result().output()));
            }
        }
        Path report = o.report();
        if (report != null) {
            try {
                List<String> pages = ReportSite.write(report, o.root(), results);
                out.printf("%nReport: %s (%d counterexample pages)%n", report.resolve("index.html"), pages.size());
            } catch (IOException e) {
                err.println("check: --report: cannot write " + report + ": " + e.getMessage());
                return 2;
            }
        }
        out.printf("%n%d of %d models gave their declared result.%n", results.size() - unchecked - wrong, results.size());
        return unchecked > 0 ? 2 : wrong > 0 ? 1 : 0;
    }

    /** The default set: every model of the manifests that is not declared deep. */
    static List<DeclaredModel> defaultSet(Path root) throws Manifest.Invalid {
        return all(root).stream().filter(d -> !d.deep()).toList();
    }

    /** The deep set: the models declared {@code "size": "deep"} (larger bounds; {@code check --deep}). */
    static List<DeclaredModel> deepSet(Path root) throws Manifest.Invalid {
        return all(root).stream().filter(DeclaredModel::deep).toList();
    }

    private static List<DeclaredModel> all(Path root) throws Manifest.Invalid {
        List<DeclaredModel> all = new ArrayList<>(Manifest.read(root, Manifest.MODELS).models());
        if (Manifest.exists(root, Manifest.PROOFS)) all.addAll(Manifest.read(root, Manifest.PROOFS).models());
        return all;
    }

    /** The default set of model/manifest.json (and proofs/manifest.json if present), or those named (of either set). */
    public static List<DeclaredModel> select(Path root, List<String> names) throws Manifest.Invalid {
        if (names.isEmpty()) return defaultSet(root);
        List<DeclaredModel> all = all(root);
        List<DeclaredModel> chosen = new ArrayList<>();
        for (String name : names) {
            chosen.add(all.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow(() ->
                    new Manifest.Invalid("no model " + name + " in the manifests (models: "
                            + String.join(", ", all.stream().map(DeclaredModel::name).toList()) + ")")));
        }
        return chosen;
    }
}
