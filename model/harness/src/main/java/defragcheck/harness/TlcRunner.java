package defragcheck.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tlc2.TLC;
import tlc2.TLCGlobals;
import tlc2.output.EC;
import tlc2.output.MP;
import tlc2.output.MPRecorder;
import tlc2.tool.ITool;
import tlc2.tool.ModelChecker;
import util.FilenameToStream;
import util.SimpleFilenameToStream;
import util.ToolIO;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Checks one model with TLC inside this JVM, through TLC's Java API ({@code new TLC()},
 * {@code handleParameters}, {@code process}), as {@code java tlc2.TLC -config NAME.cfg NAME} would.
 *
 * <p>TLC is a singleton at heart (static configuration, one spec per class loader), so runs are
 * serialised and every run starts from {@link TlcStatics#reset()}. Each run gets its own metadir, the
 * standard modules come from a private directory, fingerprints use a fixed polynomial, and the
 * fingerprint set's RMI export is withdrawn afterwards.
 */
public final class TlcRunner {
    /** Where runs keep their files: {@code -Ddefragcheck.work}, by default {@code target/tlc}. */
    public static final Path WORK = Path.of(System.getProperty("defragcheck.work", "target/tlc")).toAbsolutePath();
    private static final Path STDLIB = WORK.resolve("stdlib");

    /** The model being checked, for the exit report below, and its metadir; null between runs. */
    private static volatile Model running;
    private static volatile Path runningMetadir;

    static {
        LoopbackRmi.install();
        // TLC calls System.exit on some internal I/O errors (e.g. an unwritable state queue); say which model it was.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Model m = running;
            if (m != null) System.err.println("defragcheck: the JVM is exiting while TLC checks " + m.name()
                    + " (" + ProjectRoot.display(m.cfg()) + "): TLC called System.exit or the JVM was killed");
            Path metadir = runningMetadir;
            if (metadir != null) {
                try {
                    Leftovers.deleteTree(metadir);
                } catch (RuntimeException e) {
                    // TLC's workers may still write into it: the next run removes it as a leftover
                }
            }
        }, "defragcheck-exit-report"));
        Leftovers.removeOrphans(WORK.resolve("meta"), "");
    }

    private TlcRunner() {}

    /** Checks {@code model} with one worker. */
    public static CheckResult check(Model model) {
        return check(model, 1);
    }

    /** Checks {@code model} with {@code workers} TLC worker threads. */
    public static synchronized CheckResult check(Model model, int workers) {
        String missing = missingFile(model);
        if (missing != null) return ResultBuilder.error(model, missing);

        Path metadir = WORK.resolve("meta").resolve(Leftovers.name(model.name()));
        RunRecorder recorder = new RunRecorder();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream console = new PrintStream(output, true, UTF_8);
        long start = System.nanoTime();
        int code = EC.GENERAL;
        List<String> undeclared = List.of();
        ITool tool = null;
        Duration wall;
        TlcStatics.reset();
        ToolIO.out = console;
        ToolIO.err = console;
        MP.setRecorder(recorder);
        running = model;
        runningMetadir = metadir;
        try {
            TLC tlc = new TLC();
            if (tlc.handleParameters(arguments(model, metadir, workers))) {
                tlc.setResolver(resolver(model));
                code = tlc.process();
                if (TLCGlobals.mainChecker instanceof ModelChecker checker) {
                    undeclared = UndeclaredNames.in(checker.tool.getModelConfig(), checker.tool.getRootModule());
                    tool = checker.tool;
                }
            }
        } catch (RuntimeException e) {
            // handleParameters throws for some bad input (e.g. an unusable metadir) without printing it.
            console.println("Error: " + e.getMessage());
        } finally {
            wall = Duration.ofNanos(System.nanoTime() - start);
            running = null;
            withdrawFingerprintSet();
            ToolIO.out = System.out;
            ToolIO.err = System.err;
            MP.setRecorder(new MPRecorder());
            Leftovers.deleteTree(metadir);
            runningMetadir = null;
        }
        // Built before the next run: that one re-initialises the static state the trace's values depend on.
        return ResultBuilder.build(model, code, wall, recorder, output.toString(UTF_8), undeclared, tool);
    }

    private static String missingFile(Model model) {
        for (Path p : List.of(model.tla(), model.cfg())) {
            if (!Files.isRegularFile(p)) return ProjectRoot.display(p) + ": file not found";
        }
        if (!model.cfg().getParent().equals(model.tla().getParent())) {
            return ProjectRoot.display(model.cfg()) + ": must be in the directory of " + model.tla().getFileName()
                    + " (TLC reads the cfg from the root module's directory)";
        }
        return null;
    }

    private static String[] arguments(Model model, Path metadir, int workers) {
        return new String[] {
            "-metadir", metadir.toString(),
            "-fp", "0",  // a fixed fingerprint polynomial: the same run gives the same result
            "-fpmem", TlcStorage.FPMEM,  // TLC's default (1/4 of the heap) is wasteful here
            "-workers", String.valueOf(workers),
            "-config", model.cfg().toString(),
            model.tla().toString()
        };
    }

    /**
     * Where TLC looks for the modules of {@code model}: the model's own directory, then the spec
     * library, then the standard modules extracted once under {@link #WORK} (so TLC never copies
     * them to java.io.tmpdir, where concurrent runs would race on the same file names).
     */
    public static FilenameToStream resolver(Model model) {
        List<String> dirs = new ArrayList<>();
        dirs.add(model.tla().getParent().toString());
        model.library().forEach(p -> dirs.add(p.toString()));
        dirs.add(StandardModules.extractTo(STDLIB).toString());
        return new SimpleFilenameToStream(dirs.toArray(String[]::new));
    }

    /** The fingerprint set is an RMI server object: exported, it listens on all interfaces and keeps the JVM alive. */
    private static void withdrawFingerprintSet() {
        if (TLCGlobals.mainChecker instanceof ModelChecker checker && checker.theFPSet != null) {
            try {
                checker.theFPSet.unexportObject(true);
            } catch (Exception e) {
                // Not exported (e.g. the run stopped before the set was created): nothing to withdraw.
            }
        }
    }
}
