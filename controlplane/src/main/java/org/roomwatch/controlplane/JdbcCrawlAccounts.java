package org.roomwatch.controlplane;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.roomwatch.core.account.CrawlAccount;

/** Crawl accounts, the rooms each one reads, and the record of joins by invite link, in the control-plane database. */
public final class JdbcCrawlAccounts {
    /** A room read through an account: its chat id, and its username when it has one. */
    public record Assignment(String room, String account, Long chatId, String username) {}

    /** One join by invite link: approved by whom, through which account, with what outcome. */
    public record InviteDecision(String inviteLink, String room, String account, String approvedBy, String outcome,
                                 String detail, Instant decidedAt) {}

    private final DataSource dataSource;

    public JdbcCrawlAccounts(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Adds an account or, when it exists, records its new state (a repeated 'accounts add' logs it in again). */
    public void save(CrawlAccount account) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement update = c.prepareStatement("UPDATE crawl_accounts SET phone_masked = ?, state = ?, detail = ?,"
                    + " rate_limited_until = ?, updated_at = ? WHERE name = ?")) {
                update.setString(1, account.phoneMasked());
                update.setString(2, account.state().name());
                update.setString(3, clip(account.detail()));
                setInstant(update, 4, account.rateLimitedUntil());
                update.setTimestamp(5, Timestamp.from(Instant.now()));
                update.setString(6, account.name());
                if (update.executeUpdate() == 0) {
                    try (PreparedStatement insert = c.prepareStatement("INSERT INTO crawl_accounts (name, phone_masked, state,"
                            + " detail, rate_limited_until, added_by, added_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                        insert.setString(1, account.name());
                        insert.setString(2, account.phoneMasked());
                        insert.setString(3, account.state().name());
                        insert.setString(4, clip(account.detail()));
                        setInstant(insert, 5, account.rateLimitedUntil());
                        insert.setString(6, account.addedBy());
                        insert.setTimestamp(7, Timestamp.from(account.addedAt()));
                        insert.setTimestamp(8, Timestamp.from(Instant.now()));
                        insert.executeUpdate();
                    }
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("could not save account " + account.name() + ": " + e.getMessage(), e);
        }
    }

    /** Records a state change of a known account (from the running pool). */
    public void setState(String name, CrawlAccount.State state, String detail, Instant rateLimitedUntil) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE crawl_accounts SET state = ?, detail = ?, rate_limited_until = ?, updated_at = ? WHERE name = ?")) {
            s.setString(1, state.name());
            s.setString(2, clip(detail));
            setInstant(s, 3, rateLimitedUntil);
            s.setTimestamp(4, Timestamp.from(Instant.now()));
            s.setString(5, name);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record the state of account " + name + ": " + e.getMessage(), e);
        }
    }

    public List<CrawlAccount> list() {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT name, phone_masked, state, detail, rate_limited_until, added_by, added_at FROM crawl_accounts ORDER BY name");
             ResultSet r = s.executeQuery()) {
            List<CrawlAccount> out = new ArrayList<>();
            while (r.next()) {
                Timestamp until = r.getTimestamp(5);
                out.add(new CrawlAccount(r.getString(1), r.getString(2), CrawlAccount.State.valueOf(r.getString(3)),
                        r.getString(4), until == null ? null : until.toInstant(), r.getString(6), r.getTimestamp(7).toInstant()));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the accounts: " + e.getMessage(), e);
        }
    }

    public Optional<CrawlAccount> find(String name) {
        return list().stream().filter(a -> a.name().equals(name)).findFirst();
    }

    public void assign(Assignment a) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM account_rooms WHERE room = ?");
                 PreparedStatement insert = c.prepareStatement(
                         "INSERT INTO account_rooms (room, account, chat_id, username) VALUES (?, ?, ?, ?)")) {
                delete.setString(1, a.room());
                delete.executeUpdate();
                insert.setString(1, a.room());
                insert.setString(2, a.account());
                if (a.chatId() == null) {
                    insert.setNull(3, Types.BIGINT);
                } else {
                    insert.setLong(3, a.chatId());
                }
                insert.setString(4, a.username());
                insert.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("could not assign room " + a.room() + ": " + e.getMessage(), e);
        }
    }

    public void unassign(String room) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("DELETE FROM account_rooms WHERE room = ?")) {
            s.setString(1, room);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not unassign room " + room + ": " + e.getMessage(), e);
        }
    }

    public List<Assignment> assignments() {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT room, account, chat_id, username FROM account_rooms ORDER BY room"); ResultSet r = s.executeQuery()) {
            List<Assignment> out = new ArrayList<>();
            while (r.next()) {
                long chat = r.getLong(3);
                out.add(new Assignment(r.getString(1), r.getString(2), r.wasNull() ? null : chat, r.getString(4)));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read room assignments: " + e.getMessage(), e);
        }
    }

    public void recordDecision(InviteDecision d) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO invite_decisions"
                + " (invite_link, room, account, approved_by, outcome, detail, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, d.inviteLink());
            s.setString(2, d.room());
            s.setString(3, d.account());
            s.setString(4, d.approvedBy());
            s.setString(5, d.outcome());
            s.setString(6, clip(d.detail()));
            s.setTimestamp(7, Timestamp.from(d.decidedAt()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record the join decision: " + e.getMessage(), e);
        }
    }

    public List<InviteDecision> decisions() {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT invite_link, room, account,"
                + " approved_by, outcome, detail, decided_at FROM invite_decisions ORDER BY id"); ResultSet r = s.executeQuery()) {
            List<InviteDecision> out = new ArrayList<>();
            while (r.next()) {
                out.add(new InviteDecision(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getString(6), r.getTimestamp(7).toInstant()));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read join decisions: " + e.getMessage(), e);
        }
    }

    private static void setInstant(PreparedStatement s, int index, Instant value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            s.setTimestamp(index, Timestamp.from(value));
        }
    }

    private static String clip(String value) {
        return value == null || value.length() <= 1000 ? value : value.substring(0, 997) + "...";
    }
}
