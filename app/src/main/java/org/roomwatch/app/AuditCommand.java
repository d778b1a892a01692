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
        RoomwatchConfig cfg = Configs.load(config);
        try (ControlPlaneDatabase db = ControlPlaneDatabase.open(cfg.database())) {
            return action.apply(new JdbcAuditLog(db.dataSource(), Clock.systemUTC()));
        }
    }

    @Command(name = "verify", description = "Check every entry's hash and its link to the one before; exit 1 on a break.")
    static final class Verify implements Callable<Integer> {
        @Option(names = "--config") Path config;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            return withLog(config, log -> {
                AuditLog.Verification v = log.verify();
                if (v.ok()) {
                    out.println("audit log intact: " + v.entries() + " entries, every hash and link checked");
                    return 0;
                }
                spec.commandLine().getErr().println("audit log BROKEN at entry " + v.brokenAt() + ": " + v.problem());
                return 1;
            });
        }
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
                    out.printf("%6d %s %-16s %-12s %-15s %-40s %s%s%n", e.seq(), e.at(), e.actor(), e.role(), e.address(),
                            e.action(), e.detail(), e.results() == null ? "" : " -> " + e.results());
                }
                return 0;
            });
        }
    }
}
