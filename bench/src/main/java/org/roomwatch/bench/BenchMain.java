package org.roomwatch.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

/** roomwatch's benchmarks, apart from the production CLI: each prints a table a person can read. */
@Command(name = "roomwatch-bench", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, version = "roomwatch-bench 0.1.0",
        description = "Benchmarks of roomwatch on this machine; each prints its table and the ratio to its anchor.",
        subcommands = {IngestBench.class, ImageBench.class, TaggingBench.class, WatchBench.class, AccountBench.class, LoadBench.class, AuditBench.class, VideoBench.class, SpreadBench.class, OcrBench.class})
public final class BenchMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new BenchMain());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("roomwatch-bench: " + e.getMessage());
            return 2;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
