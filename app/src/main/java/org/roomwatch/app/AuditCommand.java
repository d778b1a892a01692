package org.roomwatch.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcAuditLog;
import org.roomwatch.core.config.RoomwatchConfig;
import org.roomwatch.core.security.AuditEntry;
import org.roomwatch.core.security.AuditLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The audit log from the command line: check its hash chain, or show the latest entries. */
@Command(name = "audit", description = "Verify the audit log's hash chain, or list its latest entries.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Tail.class})
final class AuditCommand {
    private AuditCommand() {}

    static <T> T withLog(Path config, java.util.function.Function<AuditLog, T> action) {
        return withLog(Configs.load(config), action);
    }

    static <T> T withLog(RoomwatchConfig cfg, java.util.function.Function<AuditLog, T> action) {
        try (ControlPlaneDatabase db = ControlPlaneDatabase.open(cfg.database())) {
            // Checking must never make a key: with none on this machine only the hash chain is checked, and verify says so.
            return action.apply(new JdbcAuditLog(db.dataSource(), Clock.systemUTC(), AuditKeyFile.existing(cfg).orElse(null)));
        }
    }

    @Command(name = "verify", description = "Check every entry's hash and its link to the one before; exit 1 on a break.")
    static final class Verify implements Callable<Integer> {
        @Option(names = "--config") Path config;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            RoomwatchConfig cfg = Configs.load(config);
            boolean sealed = AuditKeyFile.existing(cfg).isPresent();
            return withLog(cfg, log -> {
                AuditLog.Verification v = log.verify();
                if (v.ok()) {
                    out.println("audit log intact: " + v.entries() + " entries, every hash and link checked" + (sealed
                            ? ", every seal and the checkpoint checked against the audit key"
                            : "; no audit key here (" + AuditKeyFile.of(cfg) + "), so the seals were NOT checked"));
                    return 0;
                }
                spec.commandLine().getErr().println("audit log BROKEN at entry " + v.brokenAt() + ": " + v.problem());
                return 1;
            });
        }
    }

    /**
     * What came from a request, made safe for a terminal: control characters (escape sequences could rewrite the
     * screen) and bidirectional overrides (they could reorder what an admin reads) are shown as \\uXXXX.
     */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            boolean unsafe = Character.isISOControl(c) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
                    || c == 0x200E || c == 0x200F || c == 0x061C;
            if (unsafe) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    @Command(name = "tail", description = "Show the latest entries.")
    static final class Tail implements Callable<Integer> {
        @Option(names = "-n", defaultValue = "20") int count;
        @Option(names = "--actor") String actor;
        @Option(names = "--config") Path config;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            return withLog(config, log -> {
                for (AuditEntry e : log.read(new AuditLog.Filter(actor, null, null, null, count))) {
                    out.printf("%6d %s %-16s %-12s %-15s %-40s %s%s%n", e.seq(), e.at(), printable(e.actor()), printable(e.role()),
                            printable(e.address()), printable(e.action()), printable(e.detail()), e.results() == null ? "" : " -> " + e.results());
                }
                return 0;
            });
        }
    }
}
