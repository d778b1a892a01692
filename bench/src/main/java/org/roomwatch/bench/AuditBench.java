package org.roomwatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.roomwatch.controlplane.AuditSeal;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcAuditLog;
import org.roomwatch.core.config.DatabaseConfig;
import org.roomwatch.core.security.AuditLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The audit log under concurrent requests: every audited request appends one entry before it acts, so the append's
 * cost and its latency under 1, 8 and 32 concurrent writers bound every request's. Sealed and checkpointed as in
 * production, on a fresh H2 file database or the PostgreSQL database given.
 */
@Command(name = "audit", description = "Benchmark audit-log appends under 1, 8 and 32 concurrent writers; prints a table.")
final class AuditBench implements Callable<Integer> {
    @Option(names = "-n", defaultValue = "20000", description = "entries per row; default ${DEFAULT-VALUE}") int count;
    @Option(names = "--writers", split = ",", defaultValue = "1,8,32", description = "concurrent writers per row; default ${DEFAULT-VALUE}")
    int[] writerCounts;
    @Option(names = "--jdbc-url", description = "a control-plane database to write into (default: a fresh H2 file)") String jdbcUrl;
    @Option(names = "--user", defaultValue = "sa") String user;

    @Override
    public Integer call() throws Exception {
        if (count < 1) {
            throw new IllegalArgumentException("-n must be at least 1, got " + count);
        }
        for (int writers : writerCounts) {
            if (writers < 1) {
                throw new IllegalArgumentException("--writers must be at least 1, got " + writers);
            }
        }
        Path dir = Files.createTempDirectory("rw-audit-bench-");
        String url = jdbcUrl != null ? jdbcUrl : "jdbc:h2:file:" + dir.resolve("db");
        System.out.println("audit log appends on " + (jdbcUrl != null ? url : "a fresh H2 file database") + ", sealed and checkpointed");
        Table table = Table.start(System.out, Table.number("writers", "%d"), Table.number("entries/s", "%.0f"),
                Table.number("entries/commit", "%.1f"), Table.number("p50 ms", "%.2f"), Table.number("p95 ms", "%.2f"),
                Table.number("p99 ms", "%.2f"));
        try (ControlPlaneDatabase db = ControlPlaneDatabase.open(new DatabaseConfig(url, user, "", 40))) {
            JdbcAuditLog audit = new JdbcAuditLog(db.dataSource(), Clock.systemUTC(), AuditSeal.loadOrCreate(dir.resolve("audit.key")));
            for (int i = 0; i < 500; i++) {
                audit.append(act(0, i)); // warm-up: JIT, connections, the first pages of the table
            }
            for (int writers : writerCounts) {
                long commitsBefore = audit.commits();
                ExecutorService pool = Executors.newFixedThreadPool(writers);
                List<Future<long[]>> runs = new ArrayList<>();
                int each = Math.max(1, count / writers);
                long start = System.nanoTime();
                for (int w = 0; w < writers; w++) {
                    int writer = w;
                    runs.add(pool.submit(() -> {
                        long[] nanos = new long[each];
                        for (int i = 0; i < each; i++) {
                            long t0 = System.nanoTime();
                            audit.append(act(writer, i));
                            nanos[i] = System.nanoTime() - t0;
                        }
                        return nanos;
                    }));
                }
                long[] all = new long[each * writers];
                int at = 0;
                for (Future<long[]> run : runs) {
                    long[] nanos = run.get();
                    System.arraycopy(nanos, 0, all, at, nanos.length);
                    at += nanos.length;
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                pool.shutdown();
                Arrays.sort(all);
                long commits = audit.commits() - commitsBefore;
                table.row(writers, all.length / seconds, (double) all.length / Math.max(1, commits), millis(all, 0.50), millis(all, 0.95),
                        millis(all, 0.99));
            }
            AuditLog.Verification verification = audit.verify();
            System.out.printf(Locale.ROOT, "%nchain verified: %s (%d entries)%n", verification.ok() ? "whole" : "BROKEN " + verification.problem(),
                    verification.entries());
        }
        return 0;
    }

    private static AuditLog.Act act(int writer, int i) {
        return new AuditLog.Act("investigator" + writer, "investigator", "10.0.0." + writer, "GET /api/messages", "",
                "q=한빛여고&page=" + i, 20, 200);
    }

    private static double millis(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
