package org.roomwatch.controlplane;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.roomwatch.core.security.AuditEntry;
import org.roomwatch.core.security.AuditLog;
import org.roomwatch.core.text.Sha256;

/**
 * The audit log in the control-plane database. Entries are numbered 1, 2, 3, ... and each one's SHA-256 covers its
 * own fields and the previous entry's SHA-256, so editing, deleting or reordering any entry breaks the chain from
 * there on, which {@link #verify()} finds. With an {@link AuditSeal} each entry is also sealed with a key kept outside
 * the database and the latest one is checkpointed there, so a rewritten chain or a cut tail is found too. Appends are
 * group-committed: one writer at a time writes every entry queued meanwhile, chained in order, in one transaction,
 * and each caller returns only once its own entry is committed (or throws why not).
 */
public final class JdbcAuditLog implements AuditLog {
    static final String GENESIS = "0".repeat(64);
    /** How many entries one transaction writes at most: bounds a transaction's size under a storm of requests. */
    private static final int MAX_BATCH = 256;
    /** Tries of one transaction when another process took the next number first. */
    private static final int MAX_ATTEMPTS = 20;

    private final DataSource dataSource;
    private final Clock clock;
    private final AuditSeal seal;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean writing;
    private long commits;

    /** Hash-chained only (tests, tools that must not need the key). */
    public JdbcAuditLog(DataSource dataSource, Clock clock) {
        this(dataSource, clock, null);
    }

    /** Hash-chained and sealed with {@code seal}'s key, the latest entry checkpointed outside the database. */
    public JdbcAuditLog(DataSource dataSource, Clock clock, AuditSeal seal) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.seal = seal;
    }

    @Override
    public AuditEntry append(Act act) {
        // Group commit: a request's entry joins a queue; one request at a time writes everything queued, chained in
        // order, in one transaction, while the others wait for their own entry. Every entry is still written before
        // its request goes on, but 32 concurrent requests cost one commit (and one checkpoint) instead of 32.
        Pending mine = new Pending(act);
        synchronized (queue) {
            queue.add(mine);
        }
        while (true) {
            List<Pending> batch;
            synchronized (queue) {
                while (!mine.done() && writing) {
                    try {
                        queue.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while the audit log was written", e);
                    }
                }
                if (mine.done()) {
                    return mine.result();
                }
                writing = true;
                batch = new ArrayList<>(Math.min(queue.size(), MAX_BATCH));
                while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
                    batch.add(queue.poll());
                }
            }
            try {
                writeWithRetries(batch);
            } finally {
                synchronized (queue) {
                    writing = false;
                    queue.notifyAll();
                }
            }
        }
    }

    /** An entry waiting to be written, and what came of it. */
    private static final class Pending {
        final Act act;
        AuditEntry written;
        RuntimeException failed;

        Pending(Act act) {
            this.act = act;
        }

        boolean done() {
            return written != null || failed != null;
        }

        AuditEntry result() {
            if (failed != null) {
                throw failed;
            }
            return written;
        }
    }

    /** Entries waiting now (for tests that line writers up). */
    int queued() {
        synchronized (queue) {
            return queue.size();
        }
    }

    /** Transactions that wrote entries so far: with the entries written, how well appends are grouped. */
    public long commits() {
        synchronized (queue) {
            return commits;
        }
    }

    private void writeWithRetries(List<Pending> batch) {
        // Another process (a CLI) may take the same number at the same moment: the primary key refuses the second,
        // which then tries again after the new last entry.
        for (int attempt = 1; ; attempt++) {
            try {
                List<AuditEntry> written = writeOnce(batch);
                synchronized (queue) {
                    for (int i = 0; i < batch.size(); i++) {
                        batch.get(i).written = written.get(i);
                    }
                    commits++;
                }
                return;
            } catch (IllegalStateException e) {
                boolean taken = e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState());
                if (attempt >= MAX_ATTEMPTS || !taken) {
                    fail(batch, e);
                    return;
                }
                // A short, random pause, so two processes that keep colliding stop taking turns in lockstep.
                try {
                    Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 2 + attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    fail(batch, e);
                    return;
                }
            } catch (RuntimeException e) {
                fail(batch, e);
                return;
            }
        }
    }

    /** Every request waiting on {@code batch} gets {@code why}: none of its entries was kept. */
    private void fail(List<Pending> batch, RuntimeException why) {
        synchronized (queue) {
            batch.forEach(p -> p.failed = why);
        }
    }

    private List<AuditEntry> writeOnce(List<Pending> batch) {
        // Millisecond precision: what the database keeps is exactly what was hashed.
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long seq = 1;
                String previous = GENESIS;
                try (PreparedStatement last = c.prepareStatement("SELECT seq, sha256 FROM audit_log ORDER BY seq DESC LIMIT 1 FOR UPDATE");
                     ResultSet r = last.executeQuery()) {
                    if (r.next()) {
                        seq = r.getLong(1) + 1;
                        previous = r.getString(2);
                    }
                }
                List<AuditEntry> written = new ArrayList<>(batch.size());
                String lastMac = null;
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_log (seq, at, actor, role, address, action,"
                        + " target, detail, results, status, previous_sha256, sha256, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (Pending pending : batch) {
                        Act act = pending.act;
                        AuditEntry entry = new AuditEntry(seq, at, clip(act.actor(), 64), clip(act.role(), 16), clip(act.address(), 64),
                                clip(act.action(), 200), clip(act.target(), 500), clip(act.detail(), 4000), act.results(), act.status(),
                                previous, null);
                        String sha = hash(entry);
                        lastMac = seal == null ? null : seal.mac(sha);
                        insert.setLong(1, seq);
                        insert.setTimestamp(2, Timestamp.from(at));
                        insert.setString(3, entry.actor());
                        insert.setString(4, entry.role());
                        insert.setString(5, entry.address());
                        insert.setString(6, entry.action());
                        insert.setString(7, entry.target());
                        insert.setString(8, entry.detail());
                        if (entry.results() == null) {
                            insert.setNull(9, Types.INTEGER);
                        } else {
                            insert.setInt(9, entry.results());
                        }
                        insert.setInt(10, entry.status());
                        insert.setString(11, previous);
                        insert.setString(12, sha);
                        insert.setString(13, lastMac);
                        if (batch.size() == 1) {
                            insert.executeUpdate(); // alone: a plain statement is cheaper than a batch of one
                        } else {
                            insert.addBatch();
                        }
                        written.add(new AuditEntry(seq, at, entry.actor(), entry.role(), entry.address(), entry.action(), entry.target(),
                                entry.detail(), entry.results(), entry.status(), previous, sha));
                        previous = sha;
                        seq++;
                    }
                    if (batch.size() > 1) {
                        insert.executeBatch();
                    }
                }
                c.commit();
                if (seal != null) {
                    seal.checkpoint(seq - 1, lastMac);
                }
                return written;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            SQLException cause = e instanceof java.sql.BatchUpdateException && e.getNextException() != null ? e.getNextException() : e;
            throw new IllegalStateException("could not write the audit log: " + e.getMessage(), cause);
        }
    }

    @Override
    public List<AuditEntry> read(Filter filter) {
        StringBuilder sql = new StringBuilder("SELECT seq, at, actor, role, address, action, target, detail, results, status,"
                + " previous_sha256, sha256 FROM audit_log WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (filter.actor() != null) {
            sql.append(" AND actor = ?");
            parameters.add(filter.actor());
        }
        if (filter.action() != null) {
            sql.append(" AND action LIKE ?");
            parameters.add("%" + filter.action().replace("%", "").replace("_", "") + "%");
        }
        if (filter.from() != null) {
            sql.append(" AND at >= ?");
            parameters.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND at < ?");
            parameters.add(Timestamp.from(filter.to()));
        }
        sql.append(" ORDER BY seq DESC LIMIT ").append(Math.max(1, Math.min(filter.limit(), 10_000)));
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                s.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet r = s.executeQuery()) {
                List<AuditEntry> out = new ArrayList<>();
                while (r.next()) {
                    out.add(entry(r));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the audit log: " + e.getMessage(), e);
        }
    }

    private static AuditEntry entry(ResultSet r) throws SQLException {
        int results = r.getInt(9);
        Integer boxed = r.wasNull() ? null : results;
        return new AuditEntry(r.getLong(1), r.getTimestamp(2).toInstant(), r.getString(3), r.getString(4), r.getString(5),
                r.getString(6), r.getString(7), r.getString(8), boxed, r.getInt(10), r.getString(11), r.getString(12));
    }

    @Override
    public Verification verify() {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT seq, at, actor, role,"
                + " address, action, target, detail, results, status, previous_sha256, sha256, mac FROM audit_log ORDER BY seq");
             ResultSet r = s.executeQuery()) {
            String previous = GENESIS;
            long expected = 1;
            long count = 0;
            boolean sealing = false;
            java.util.Map<Long, String> macs = new java.util.HashMap<>();
            while (r.next()) {
                AuditEntry e = entry(r);
                String mac = r.getString(13);
                count++;
                if (e.seq() != expected) {
                    return new Verification(false, count, expected, "entry " + expected + " is missing (the next is "
                            + e.seq() + "): deleted");
                }
                if (!e.previousSha256().equals(previous)) {
                    return new Verification(false, count, e.seq(), "entry " + e.seq() + " does not follow entry " + (e.seq() - 1)
                            + ": deleted, reordered or edited there");
                }
                if (!hash(e).equals(e.sha256())) {
                    return new Verification(false, count, e.seq(), "entry " + e.seq() + " was changed after it was written");
                }
                if (seal != null) {
                    // Entries from before the key existed carry no seal; from the first sealed one on, every one must.
                    sealing |= mac != null;
                    if (sealing && (mac == null || !seal.mac(e.sha256()).equals(mac))) {
                        return new Verification(false, count, e.seq(), "entry " + e.seq() + " does not carry the seal of the audit"
                                + " key: the log was rewritten from there on by someone without the key");
                    }
                    macs.put(e.seq(), mac);
                }
                previous = e.sha256();
                expected++;
            }
            if (seal != null) {
                var checkpoint = seal.checkpoint();
                if (checkpoint.isPresent() && !checkpoint.get().mac().equals(macs.get(checkpoint.get().seq()))) {
                    long cp = checkpoint.get().seq();
                    return new Verification(false, count, cp, macs.containsKey(cp)
                            ? "entry " + cp + " is not the one the checkpoint outside the database recorded: rewritten"
                            : "the log ends at entry " + count + " but the checkpoint outside the database recorded entry " + cp
                            + ": its tail was cut");
                }
            }
            return new Verification(true, count, null, null);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the audit log: " + e.getMessage(), e);
        }
    }

    /** The SHA-256 of an entry's fields and the previous entry's hash, each field length-prefixed (no ambiguity). */
    static String hash(AuditEntry e) {
        StringBuilder b = new StringBuilder();
        for (Object field : new Object[] {e.previousSha256(), e.seq(), e.at().toEpochMilli(), e.actor(), e.role(), e.address(),
                e.action(), e.target(), e.detail(), e.results(), e.status()}) {
            String text = String.valueOf(field);
            b.append(text.length()).append(':').append(text).append('|');
        }
        return Sha256.hex(b.toString());
    }

    private static String clip(String value, int max) {
        String v = value == null ? "" : value;
        return v.length() <= max ? v : v.substring(0, max - 3) + "...";
    }
}
