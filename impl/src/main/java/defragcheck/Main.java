package defragcheck;

import java.util.Arrays;

/** The project's command line: one subcommand a concern, `check` by default. */
public final class Main {
    static final String USAGE = String.join("\n",
            "usage: java -jar target/defragcheck.jar [COMMAND] [ARGS] (COMMAND --help: its options)",
            "  check [MODEL...]     check the models and proofs (the default command; --deep: the deep set;",
            "                       --distributed: on TLC's distributed mode; --disk: fingerprints off heap, then disk;",
            "                       --report DIR: the reviewer's site)",
            "  table                print the protocol table from the manifests",
            "  worker HOST          a TLC worker for `check --distributed --listen ADDRESS` on HOST",
            "  walk MODEL           random behaviours, invariants on every state (--set LBlocks=8 --set MaxWrites=20)",
            "  bench-models         TLC throughput per model, in process and stock, and state-space growth",
            "  image --image PATH   create an image, write a fragmented file, defragment it, verify",
            "  demo                 the legacy protocol corrupts a DAX file, drain-evict-copy-swap keeps it intact",
            "  bench                defrag throughput against the gather-copy ceiling and e4defrag",
            "  bench-conformance    replayed and trace-validated conformance steps per second",
            "  kernel               the real kernel (root): free runs per protocol and the models' schedules forced on it",
            "  bench-concurrent     writers' throughput and latency while drain-evict-copy-swap runs, copy vs gather ceiling",
            "  soak [--ops N]       many files, every writer kind, DAX and not, defrags running: lost writes and stale reads",
            "exit status: 0 ok; 1 a wrong verdict or a failed verification; 2 bad input (one line on stderr)");

    private Main() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        String command = args.length == 0 ? "check" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        return switch (command) {
            case "--help", "-h", "help" -> {
                System.out.println(USAGE);
                yield 0;
            }
            case "check" -> defragcheck.harness.CheckCommand.run(rest);
            case "bench-models" -> defragcheck.harness.ModelBenchmark.run(rest);
            case "worker" -> defragcheck.harness.WorkerCommand.run(rest);
            case "walk" -> defragcheck.cli.WalkCommand.run(rest, System.out, System.err);
            case "table" -> defragcheck.harness.ProtocolTable.run(rest);
            case "bench" -> defragcheck.bench.DefragBenchmark.main(rest, System.out, System.err);
            case "image" -> defragcheck.cli.ImageCommand.run(rest, System.out, System.err);
            case "demo" -> defragcheck.cli.DemoCommand.run(rest, System.out, System.err);
            case "bench-conformance" -> defragcheck.conformance.ConformanceBenchmark.run(rest, System.out, System.err);
            case "bench-concurrent" -> defragcheck.bench.ConcurrentBench.main(rest, System.out, System.err);
            case "soak" -> defragcheck.bench.Soak.main(rest, System.out, System.err);
            case "kernel" -> defragcheck.kernel.KernelCommand.run(rest, System.out, System.err);
            default -> {
                System.err.println("defragcheck: unknown command '" + command + "' (--help lists the commands)");
                yield 2;
            }
        };
    }
}
