package org.roomwatch.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roomwatch.core.config.DatabaseConfig;
import org.roomwatch.core.security.AuditEntry;
import org.roomwatch.core.security.AuditLog;

/**
 * The audit log's group commit (issue 23): concurrent requests' entries are chained and committed together, each
 * request returning only once its own entry is written, and a failed write fails every request waiting on it.
 */
class AuditGroupCommitTest {
    @TempDir
    Path dir;
    private ControlPlaneDatabase db;
    private ExecutorService threads;

    @BeforeEach
    void open() {
        db = ControlPlaneDatabase.open(new DatabaseConfig("jdbc:h2:file:" + dir.resolve("db"), "sa", "", 8));
        threads = Executors.newFixedThreadPool(32);
    }

    @AfterEach
    void close() {
        threads.shutdownNow();
        db.close();
    }

    private static AuditLog.Act act(int thread, int i) {
        return new AuditLog.Act("user" + thread, "analyst", "127.0.0.1", "GET /api/messages", "", "q=" + thread + "-" + i, i, 200);
    }

    @Test
    void thirtyTwoWritersGetEveryEntryOnceInOneUnbrokenChain() throws Exception {
        JdbcAuditLog audit = new JdbcAuditLog(db.dataSource(), Clock.systemUTC(), AuditSeal.loadOrCreate(dir.resolve("audit.key")));
        List<Future<List<AuditEntry>>> writers = new ArrayList<>();
        for (int t = 0; t < 32; t++) {
            int thread = t;
            writers.add(threads.submit(() -> {
                List<AuditEntry> mine = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    AuditEntry entry = audit.append(act(thread, i));
                    assertEquals("q=" + thread + "-" + i, entry.detail(), "each writer gets its own entry back");
                    mine.add(entry);
                }
                return mine;
            }));
        }
        Set<Long> seqs = new HashSet<>();
        for (Future<List<AuditEntry>> writer : writers) {
            for (AuditEntry entry : writer.get(2, TimeUnit.MINUTES)) {
                assertTrue(seqs.add(entry.seq()), "seq " + entry.seq() + " twice");
            }
        }
        assertEquals(1280, seqs.size());
        assertEquals(1280L, seqs.stream().mapToLong(Long::longValue).max().orElseThrow());
        AuditLog.Verification verification = audit.verify();
        assertTrue(verification.ok(), verification.toString());
        assertEquals(1280, verification.entries());
        assertTrue(audit.commits() <= 1280);
    }

    @Test
    void twoLogsOnOneDatabaseAsTwoProcessesWouldBeKeepOneChain() throws Exception {
        // The API server and a CLI command each have their own log (and queue): the database decides who is next.
        JdbcAuditLog server = new JdbcAuditLog(db.dataSource(), Clock.systemUTC());
        JdbcAuditLog cli = new JdbcAuditLog(db.dataSource(), Clock.systemUTC());
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            JdbcAuditLog log = t % 2 == 0 ? server : cli;
            int thread = t;
            writers.add(threads.submit(() -> {
                for (int i = 0; i < 30; i++) {
                    log.append(act(thread, i));
                }
                return null;
            }));
        }
        for (Future<?> writer : writers) {
            writer.get(2, TimeUnit.MINUTES);
        }
        AuditLog.Verification verification = server.verify();
        assertTrue(verification.ok(), verification.toString());
        assertEquals(480, verification.entries());
    }

    @Test
    void entriesThatArriveWhileOneIsWrittenGoInTheNextTransactionTogether() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger connections = new AtomicInteger();
        JdbcAuditLog audit = new JdbcAuditLog(holding(db.dataSource(), release, connections, new AtomicBoolean()), Clock.systemUTC());
        Future<AuditEntry> first = threads.submit(() -> audit.append(act(0, 0)));
        awaitTrue(() -> connections.get() == 1, "the first writer is inside its transaction");
        List<Future<AuditEntry>> waiting = new ArrayList<>();
        for (int t = 1; t <= 9; t++) {
            int thread = t;
            waiting.add(threads.submit(() -> audit.append(act(thread, 0))));
        }
        awaitTrue(() -> audit.queued() == 9, "nine more entries queued behind it");
        release.countDown();
        assertEquals(1, first.get(1, TimeUnit.MINUTES).seq());
        Set<Long> seqs = new HashSet<>();
        for (Future<AuditEntry> w : waiting) {
            seqs.add(w.get(1, TimeUnit.MINUTES).seq());
        }
        assertEquals(Set.of(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), seqs);
        assertEquals(2, audit.commits(), "the nine went in one transaction");
        assertEquals(2, connections.get());
        assertTrue(audit.verify().ok());
    }

    @Test
    void aWriteThatFailsFailsEveryRequestWaitingOnItAndWritesNothing() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger connections = new AtomicInteger();
        AtomicBoolean broken = new AtomicBoolean(true);
        JdbcAuditLog audit = new JdbcAuditLog(holding(db.dataSource(), release, connections, broken), Clock.systemUTC());
        List<Future<AuditEntry>> writers = new ArrayList<>();
        for (int t = 0; t < 5; t++) {
            int thread = t;
            writers.add(threads.submit(() -> audit.append(act(thread, 0))));
        }
        awaitTrue(() -> connections.get() == 1 && audit.queued() == 4, "one writing, four waiting");
        release.countDown();
        for (Future<AuditEntry> w : writers) {
            var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> w.get(1, TimeUnit.MINUTES));
            assertTrue(e.getCause() instanceof IllegalStateException && e.getCause().getMessage().startsWith("could not write the audit log"),
                    String.valueOf(e.getCause()));
        }
        broken.set(false);
        assertEquals(1, audit.append(act(9, 9)).seq(), "nothing of the failed writes was kept");
    }

    /**
     * The real data source, whose first connection is handed out only once {@code release} opens; while
     * {@code broken}, connections come without a usable audit table (their statements fail).
     */
    private static DataSource holding(DataSource real, CountDownLatch release, AtomicInteger connections, AtomicBoolean broken) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        if (connections.incrementAndGet() == 1) {
                            release.await(1, TimeUnit.MINUTES);
                        }
                        if (broken.get()) {
                            throw new SQLException("the control-plane database is unreachable (test)", "08001");
                        }
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "waited a minute for: " + what);
            Thread.sleep(5);
        }
    }
}
