package org.roomwatch.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

/** The roomwatch command. */
// INHERIT: every command and subcommand answers --help (and --version) with its usage and exit 0.
@Command(name = "roomwatch", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, version = "roomwatch 0.1.0",
        description = "Watches rooms where sexual deepfakes of students and teachers are traded, for investigators.",
        subcommands = {DemoCommand.class, ServeCommand.class, PeekCommand.class, RoomsCommand.class, AccountsCommand.class, UsersCommand.class, AuditCommand.class, EvidenceCommand.class, HashCommand.class, HashSetCommand.class, SchoolsCommand.class, PeopleCommand.class, TagCommand.class, OcrCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        String logFormat = System.getenv("ROOMWATCH_LOG_FORMAT");
        if (logFormat != null && !LOG_FORMATS.contains(logFormat)) {
            // Checked before anything logs: logback would otherwise find no such appender and print nothing at all.
            System.err.println("roomwatch: ROOMWATCH_LOG_FORMAT must be 'text' or 'json', got '" + logFormat + "'");
            System.exit(2);
        }
        System.exit(commandLine().execute(args));
    }

    private static final java.util.Set<String> LOG_FORMATS = java.util.Set.of("text", "json");

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("roomwatch: " + e.getMessage());
            return 2;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
