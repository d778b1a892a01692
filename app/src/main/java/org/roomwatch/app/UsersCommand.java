package org.roomwatch.app;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcAuditLog;
import org.roomwatch.controlplane.JdbcUsers;
import org.roomwatch.core.config.RoomwatchConfig;
import org.roomwatch.core.config.SecurityConfig;
import org.roomwatch.core.security.AuditLog;
import org.roomwatch.core.security.Role;
import org.roomwatch.core.security.User;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Users from the command line: the first admin is created here (there is no default password anywhere). Passwords
 * are typed without echo on a terminal, or read as one line from standard input with {@code --password-stdin}.
 * Every change is written to the audit log as done by {@code cli:<os user>}.
 */
@Command(name = "users", description = "Add, list, disable, enable users or reset a password.",
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.Disable.class,
                UsersCommand.Enable.class, UsersCommand.ResetPassword.class})
final class UsersCommand {
    private UsersCommand() {}

    /** The pieces every subcommand needs: the users, the audit log, and who is acting. */
    record Desk(JdbcUsers users, JdbcAuditLog audit, String actor) {
        void record(String action, String target, String detail) {
            audit.append(new AuditLog.Act(actor, "admin", "local", action, target, detail, null, 0));
        }
    }

    static <T> T withDesk(Path config, java.util.function.Function<Desk, T> action) {
        RoomwatchConfig cfg = Configs.load(config);
        SecurityConfig security = cfg.security();
        try (ControlPlaneDatabase db = ControlPlaneDatabase.open(cfg.database())) {
            return action.apply(new Desk(new JdbcUsers(db.dataSource(), security.lockoutAfter(), security.lockoutFor(),
                    security.minPasswordLength()), new JdbcAuditLog(db.dataSource(), Clock.systemUTC(), AuditKeyFile.seal(cfg)),
                    "cli:" + System.getProperty("user.name", "unknown")));
        }
    }

    static String readPassword(boolean fromStdin, String prompt) {
        Console console = System.console();
        if (!fromStdin && console != null) {
            char[] first = console.readPassword(prompt);
            char[] again = console.readPassword("Again: ");
            if (first == null || again == null || !new String(first).equals(new String(again))) {
                throw new IllegalArgumentException("the two passwords differ; nothing was changed");
            }
            return new String(first);
        }
        if (!fromStdin) {
            throw new IllegalArgumentException("no terminal to type a password on: pass --password-stdin and pipe it in");
        }
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw new IllegalArgumentException("--password-stdin: standard input was empty");
            }
            return line;
        } catch (IOException e) {
            throw new IllegalArgumentException("--password-stdin: " + e.getMessage(), e);
        }
    }

    @Command(name = "add", description = "Add a user (investigator, analyst or admin).")
    static final class Add implements Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--role", required = true, description = "investigator, analyst or admin") String role;
        @Option(names = "--password-stdin", description = "read the password as one line from standard input") boolean stdin;
        @Option(names = "--config") Path config;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            Role parsed = Role.parse(role);
            PrintWriter out = spec.commandLine().getOut();
            String password = readPassword(stdin, "Password for " + name + ": ");
            return withDesk(config, desk -> {
                desk.users().add(name, parsed, password, desk.actor());
                desk.record("users add", name, "role=" + parsed.key());
                out.println("added " + name + " (" + parsed.key() + ")");
                return 0;
            });
        }
    }

    @Command(name = "list", description = "List users: role, disabled, locked out until.")
    static final class ListUsers implements Callable<Integer> {
        @Option(names = "--config") Path config;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            return withDesk(config, desk -> {
                if (desk.users().list().isEmpty()) {
                    out.println("no users; add the first admin with: roomwatch users add NAME --role admin");
                }
                for (User u : desk.users().list()) {
                    out.printf("%-24s %-13s %s%s%n", u.name(), u.role().key(), u.disabled() ? "disabled" : "active",
                            u.lockedUntil() != null ? ", locked until " + u.lockedUntil() : "");
                }
                return 0;
            });
        }
    }

    /** Disable and enable differ only in the flag. */
    abstract static class Switch implements Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--config") Path config;
        @Spec CommandSpec spec;

        abstract boolean disable();

        @Override
        public Integer call() {
            String verb = disable() ? "disable" : "enable";
            return withDesk(config, desk -> {
                desk.users().setDisabled(name, disable(), desk.actor());
                desk.record("users " + verb, name, "");
                spec.commandLine().getOut().println(verb + "d " + name);
                return 0;
            });
        }
    }

    @Command(name = "disable", description = "Stop a user from logging in (their sessions end within seconds of the next request).")
    static final class Disable extends Switch {
        @Override
        boolean disable() {
            return true;
        }
    }

    @Command(name = "enable", description = "Let a disabled user log in again.")
    static final class Enable extends Switch {
        @Override
        boolean disable() {
            return false;
        }
    }

    @Command(name = "reset-password", description = "Set a new password (and lift a lockout).")
    static final class ResetPassword implements Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--password-stdin", description = "read the password as one line from standard input") boolean stdin;
        @Option(names = "--config") Path config;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            String password = readPassword(stdin, "New password for " + name + ": ");
            return withDesk(config, desk -> {
                desk.users().resetPassword(name, password, desk.actor());
                desk.record("users reset-password", name, "");
                spec.commandLine().getOut().println("password of " + name + " reset");
                return 0;
            });
        }
    }
}
