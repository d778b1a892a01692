package org.roomwatch.controlplane;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.roomwatch.core.watch.AlertNotice;

/** The mail outbox and the digest queue in the control-plane database (the mail module composes and sends). */
public final class MailOutbox {
    /** A mail as queued. */
    public record Mail(String id, String recipient, String subject, String body, String kind, String status, int attempts,
                       Instant nextAttemptAt, String lastError, Instant createdAt, Instant sentAt) {}

    /** An alert waiting for the next digest. */
    public record Queued(String alertId, String recipient, String watchlistId, String watchlistName, String roomId, String roomTitle,
                         String ruleKinds) {}

    private final DataSource dataSource;

    public MailOutbox(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public String enqueue(String recipient, String subject, String body, String kind, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            return enqueue(c, recipient, subject, body, kind, now);
        } catch (SQLException e) {
            throw new IllegalStateException("mail outbox update failed: " + e.getMessage(), e);
        }
    }

    /** A mail to queue: recipient, subject, body and kind ("immediate" or "digest"). */
    public record NewMail(String recipient, String subject, String body, String kind) {}

    /**
     * Empties the digest queue and queues the mails {@code compose} makes of it, in one transaction: ten thousand
     * matches in a minute become one mail each, and none is lost or mailed twice. Returns how many mails were queued.
     */
    public int drainDigestQueue(Function<List<Queued>, List<NewMail>> compose, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<NewMail> mails = compose.apply(takeDigestQueue(c));
                for (NewMail mail : mails) {
                    enqueue(c, mail.recipient(), mail.subject(), mail.body(), mail.kind(), now);
                }
                c.commit();
                return mails.size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not build digests: " + e.getMessage(), e);
        }
    }

    /** Queues a mail on the caller's connection (the digest queues its mails in the transaction that empties its queue). */
    private String enqueue(Connection c, String recipient, String subject, String body, String kind, Instant now) throws SQLException {
        String id = "m-" + UUID.randomUUID();
        try (PreparedStatement s = c.prepareStatement("INSERT INTO mail_outbox (id, recipient, subject, body, kind, status, attempts,"
                + " next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, 'queued', 0, ?, ?)")) {
            s.setString(1, id);
            s.setString(2, recipient);
            s.setString(3, subject);
            s.setString(4, body);
            s.setString(5, kind);
            s.setTimestamp(6, Timestamp.from(now));
            s.setTimestamp(7, Timestamp.from(now));
            s.executeUpdate();
        }
        return id;
    }

    public List<Mail> due(Instant now, int limit) {
        return mails("SELECT * FROM mail_outbox WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT "
                + limit, Timestamp.from(now));
    }

    public List<Mail> withStatus(String status, int limit) {
        return mails("SELECT * FROM mail_outbox WHERE status = ? ORDER BY created_at DESC, id LIMIT " + limit, status);
    }

    public void markSent(String id, Instant now) {
        update("UPDATE mail_outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?",
                Timestamp.from(now), id);
    }

    public void markRetry(String id, String error, Instant next) {
        update("UPDATE mail_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
                clip(error), Timestamp.from(next), id);
    }

    public void markFailed(String id, String error) {
        update("UPDATE mail_outbox SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?", clip(error), id);
    }

    /** Immediate mails created for a recipient since a time (sent or waiting): the rate limit counts these. */
    public int immediateSince(String recipient, Instant since) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM mail_outbox WHERE recipient = ? AND kind = 'immediate' AND created_at >= ?")) {
            s.setString(1, recipient);
            s.setTimestamp(2, Timestamp.from(since));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the mail outbox: " + e.getMessage(), e);
        }
    }

    public void queueForDigest(AlertNotice notice, String recipient, Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO mail_digest_queue (alert_id, recipient, watchlist_id, watchlist_name, room_title, room_id, rule_kinds, queued_at)"
                        + " SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS"
                        + " (SELECT 1 FROM mail_digest_queue WHERE alert_id = ? AND recipient = ?)")) {
            s.setString(1, notice.alertId());
            s.setString(2, recipient);
            s.setString(3, notice.watchlistId());
            s.setString(4, notice.watchlistName());
            s.setString(5, notice.roomTitle());
            s.setString(6, notice.roomId());
            s.setString(7, String.join(",", notice.ruleKinds()));
            s.setTimestamp(8, Timestamp.from(now));
            s.setString(9, notice.alertId());
            s.setString(10, recipient);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not queue an alert for the digest: " + e.getMessage(), e);
        }
    }

    /** Takes everything queued for digests, on the transaction that queues the mails built from it. */
    private List<Queued> takeDigestQueue(Connection c) throws SQLException {
        List<Queued> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT alert_id, recipient, watchlist_id, watchlist_name, room_id, room_title,"
                + " rule_kinds FROM mail_digest_queue ORDER BY recipient, watchlist_id, queued_at FOR UPDATE");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new Queued(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6), r.getString(7)));
            }
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM mail_digest_queue")) {
            s.executeUpdate();
        }
        return out;
    }

    private static String clip(String s) {
        return s == null ? null : s.length() > 1000 ? s.substring(0, 1000) : s;
    }

    private void update(String sql, Object... values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("mail outbox update failed: " + e.getMessage(), e);
        }
    }

    private List<Mail> mails(String sql, Object parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, parameter);
            List<Mail> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Timestamp sent = r.getTimestamp("sent_at");
                    out.add(new Mail(r.getString("id"), r.getString("recipient"), r.getString("subject"), r.getString("body"),
                            r.getString("kind"), r.getString("status"), r.getInt("attempts"), r.getTimestamp("next_attempt_at").toInstant(),
                            r.getString("last_error"), r.getTimestamp("created_at").toInstant(), sent == null ? null : sent.toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the mail outbox: " + e.getMessage(), e);
        }
    }
}
