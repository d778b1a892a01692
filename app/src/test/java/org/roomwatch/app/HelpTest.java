package org.roomwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command and subcommand answers --help with its own usage and exit 0 (once, accounts --help said "Unknown option"). */
class HelpTest {
    @Test
    void everyCommandAndSubcommandAnswersHelpWithItsUsage() {
        List<List<String>> paths = new ArrayList<>();
        collect(Main.commandLine(), new ArrayList<>(), paths);
        assertTrue(paths.size() > 20, "the walk found the subcommands: " + paths);
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            CommandRun run = CommandRun.of(args.toArray(String[]::new));
            String usage = "Usage: roomwatch" + (path.isEmpty() ? "" : " " + String.join(" ", path));
            assertEquals(0, run.code(), args + ": " + run.err());
            assertTrue(run.out().startsWith(usage), args + " printed: " + run.out());
        }
    }

    @Test
    void anUnknownOptionIsStillAUsageError() {
        CommandRun run = CommandRun.of("accounts", "--nonsense");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("Unknown option: '--nonsense'"), run.err());
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> into) {
        into.add(List.copyOf(path));
        command.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().name().equals(name)) { // skip aliases
                List<String> next = new ArrayList<>(path);
                next.add(name);
                collect(sub, next, into);
            }
        });
    }
}
