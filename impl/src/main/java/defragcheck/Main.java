package defragcheck;

import java.util.Arrays;

/** The project's command line: one subcommand a concern, `check` by default. */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "check" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        int exit = switch (command) {
            case "check" -> defragcheck.harness.CheckCommand.run(rest);
            case "bench-models" -> defragcheck.harness.ModelBenchmark.run(rest);
            case "bench" -> defragcheck.bench.DefragBenchmark.main(rest, System.out, System.err);
            case "image" -> defragcheck.cli.ImageCommand.run(rest, System.out, System.err);
            case "demo" -> defragcheck.cli.DemoCommand.run(rest, System.out, System.err);
            case "bench-conformance" -> defragcheck.conformance.ConformanceBenchmark.run(rest, System.out, System.err);
            case "kernel" -> defragcheck.kernel.KernelCommand.run(rest, System.out, System.err);
            default -> {
                System.err.println("defragcheck: unknown command '" + command + "'");
                yield 2;
            }
        };
        System.exit(exit);
    }
}
