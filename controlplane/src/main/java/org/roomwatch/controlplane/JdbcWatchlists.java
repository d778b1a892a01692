package org.roomwatch.controlplane;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.roomwatch.core.watch.Rule;
import org.roomwatch.core.watch.RuleKind;
import org.roomwatch.core.watch.Watchlist;
import org.roomwatch.core.watch.Watchlists;

/**
 * Watchlists in the control-plane database. Each change runs in one transaction that bumps the list's version and
 * appends an audit row (the audit table is only ever inserted into). Rules are checked against what they name: a
 * school in the registry, a watched person, an imported hash set, a valid room name.
 */
public final class JdbcWatchlists implements Watchlists {
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");

    private final DataSource dataSource;

    public JdbcWatchlists(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Watchlist create(String name, String owner, boolean highPriority, List<String> members, String actor) {
        return createWithRules(name, owner, highPriority, members, List.of(), actor);
    }

    @Override
    public Watchlist createWithRules(String name, String owner, boolean highPriority, List<String> members, List<NewRule> rules,
                                     String actor) {
        String cleanName = require("name", name, 200);
        String cleanOwner = require("owner", owner, 200);
        require("actor", actor, 200);
        checkMembers(members);
        String id = "wl-" + UUID.randomUUID().toString().substring(0, 12);
        inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO watchlists (id, name, owner, priority, active, version, created_at) VALUES (?, ?, ?, ?, TRUE, 1, ?)")) {
                s.setString(1, id);
                s.setString(2, cleanName);
                s.setString(3, cleanOwner);
                s.setString(4, highPriority ? "high" : "normal");
                s.setTimestamp(5, Timestamp.from(Instant.now()));
                s.executeUpdate();
            }
            insertMembers(c, id, members);
            audit(c, id, 1, actor, "create", "name=" + cleanName + "; owner=" + cleanOwner + "; priority="
                    + (highPriority ? "high" : "normal") + "; members=" + members.size());
            for (int i = 0; i < rules.size(); i++) {
                NewRule rule = rules.get(i);
                try {
                    insertRule(c, id, 1, rule.kind(), rule.value(), rule.threshold(), actor);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("rule " + (i + 1) + ": " + e.getMessage(), e);
                }
            }
            return null;
        });
        return find(id).orElseThrow();
    }

    @Override
    public Watchlist update(String watchlistId, String name, boolean highPriority, List<String> members, String actor) {
        String cleanName = require("name", name, 200);
        require("actor", actor, 200);
        checkMembers(members);
        inTransaction(c -> {
            int version = bump(c, watchlistId);
            try (PreparedStatement s = c.prepareStatement("UPDATE watchlists SET name = ?, priority = ? WHERE id = ?")) {
                s.setString(1, cleanName);
                s.setString(2, highPriority ? "high" : "normal");
                s.setString(3, watchlistId);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM watchlist_members WHERE watchlist_id = ?")) {
                s.setString(1, watchlistId);
                s.executeUpdate();
            }
            insertMembers(c, watchlistId, members);
            audit(c, watchlistId, version, actor, "update", "name=" + cleanName + "; priority=" + (highPriority ? "high" : "normal")
                    + "; members=" + members.size());
            return null;
        });
        return find(watchlistId).orElseThrow();
    }

    private static void checkMembers(List<String> members) {
        for (String email : members) {
            if (!EMAIL.matcher(email).matches()) {
                throw new IllegalArgumentException("member '" + email + "' is not an email address");
            }
        }
    }

    private static void insertMembers(Connection c, String id, List<String> members) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO watchlist_members (watchlist_id, email) VALUES (?, ?)")) {
            for (String email : new java.util.LinkedHashSet<>(members)) {
                s.setString(1, id);
                s.setString(2, email);
                s.executeUpdate();
            }
        }
    }

    @Override
    public Rule addRule(String watchlistId, RuleKind kind, String value, Integer threshold, String actor) {
        require("actor", actor, 200);
        return inTransaction(c -> insertRule(c, watchlistId, bump(c, watchlistId), kind, value, threshold, actor));
    }

    private static Rule insertRule(Connection c, String watchlistId, int version, RuleKind kind, String value, Integer threshold,
                                   String actor) throws SQLException {
        String ruleId = "r-" + UUID.randomUUID().toString().substring(0, 12);
        String checked = RuleValues.check(c, kind, value);
        Integer limit = kind == RuleKind.HASHSET || kind == RuleKind.IMAGE ? (threshold == null ? 31 : threshold) : null;
        if (limit != null && (limit < 0 || limit > 256)) {
            throw new IllegalArgumentException("an image rule's distance must be within 0..256, got " + limit);
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO watchlist_rules"
                + " (id, watchlist_id, kind, rule_value, threshold, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, ruleId);
            s.setString(2, watchlistId);
            s.setString(3, kind.key());
            s.setString(4, checked);
            if (limit == null) {
                s.setNull(5, java.sql.Types.INTEGER);
            } else {
                s.setInt(5, limit);
            }
            s.setString(6, actor);
            s.setTimestamp(7, Timestamp.from(Instant.now()));
            s.executeUpdate();
        }
        // The audit records the rule's kind and id, not a person's name or a term that may be one.
        audit(c, watchlistId, version, actor, "add-rule", "rule=" + ruleId + "; kind=" + kind.key());
        return new Rule(ruleId, watchlistId, kind, checked, limit);
    }

    @Override
    public Rule replaceRule(String watchlistId, String ruleId, String value, String actor) {
        require("actor", actor, 200);
        return inTransaction(c -> {
            int version = bump(c, watchlistId);
            RuleKind kind;
            Integer threshold;
            try (PreparedStatement s = c.prepareStatement("SELECT kind, threshold FROM watchlist_rules WHERE id = ? AND watchlist_id = ?")) {
                s.setString(1, ruleId);
                s.setString(2, watchlistId);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw new IllegalArgumentException("watchlist " + watchlistId + " has no rule " + ruleId);
                    }
                    kind = RuleKind.parse(r.getString(1));
                    int t = r.getInt(2);
                    threshold = r.wasNull() ? null : t;
                }
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM watchlist_rules WHERE id = ? AND watchlist_id = ?")) {
                s.setString(1, ruleId);
                s.setString(2, watchlistId);
                s.executeUpdate();
            }
            audit(c, watchlistId, version, actor, "remove-rule", "rule=" + ruleId);
            return insertRule(c, watchlistId, version, kind, value, threshold, actor);
        });
    }

    @Override
    public boolean removeRule(String watchlistId, String ruleId, String actor) {
        require("actor", actor, 200);
        return inTransaction(c -> {
            int version = bump(c, watchlistId);
            try (PreparedStatement s = c.prepareStatement("DELETE FROM watchlist_rules WHERE id = ? AND watchlist_id = ?")) {
                s.setString(1, ruleId);
                s.setString(2, watchlistId);
                if (s.executeUpdate() == 0) {
                    throw new IllegalArgumentException("watchlist " + watchlistId + " has no rule " + ruleId);
                }
            }
            audit(c, watchlistId, version, actor, "remove-rule", "rule=" + ruleId);
            return true;
        });
    }


    /** Locks the list, bumps its version and returns the new one. */
    private static int bump(Connection c, String watchlistId) throws SQLException {
        int version;
        try (PreparedStatement s = c.prepareStatement("SELECT version FROM watchlists WHERE id = ? FOR UPDATE")) {
            s.setString(1, watchlistId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalArgumentException("no watchlist " + watchlistId);
                }
                version = r.getInt(1) + 1;
            }
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE watchlists SET version = ? WHERE id = ?")) {
            s.setInt(1, version);
            s.setString(2, watchlistId);
            s.executeUpdate();
        }
        return version;
    }

    private static void audit(Connection c, String watchlistId, int version, String actor, String action, String detail) throws SQLException {
        long seq;
        try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) + 1 FROM watchlist_audit");
             ResultSet r = s.executeQuery()) {
            r.next();
            seq = r.getLong(1);
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO watchlist_audit (seq, watchlist_id, version, actor, action, detail, at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, seq);
            s.setString(2, watchlistId);
            s.setInt(3, version);
            s.setString(4, actor);
            s.setString(5, action);
            s.setString(6, detail);
            s.setTimestamp(7, Timestamp.from(Instant.now()));
            s.executeUpdate();
        }
    }

    @Override
    public List<Watchlist> all() {
        return load(null);
    }

    @Override
    public Optional<Watchlist> find(String id) {
        return load(id).stream().findFirst();
    }

    private List<Watchlist> load(String id) {
        try (Connection c = dataSource.getConnection()) {
            List<Watchlist> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, name, owner, priority, active, version FROM watchlists"
                    + (id == null ? "" : " WHERE id = ?") + " ORDER BY created_at, id")) {
                if (id != null) {
                    s.setString(1, id);
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        String wl = r.getString(1);
                        out.add(new Watchlist(wl, r.getString(2), r.getString(3), r.getString(4).equals("high"), r.getBoolean(5),
                                r.getInt(6), members(c, wl), rules(c, wl)));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read watchlists: " + e.getMessage(), e);
        }
    }

    private static List<String> members(Connection c, String id) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT email FROM watchlist_members WHERE watchlist_id = ? ORDER BY email")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        }
        return out;
    }

    private static List<Rule> rules(Connection c, String id) throws SQLException {
        List<Rule> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, kind, rule_value, threshold FROM watchlist_rules WHERE watchlist_id = ? ORDER BY created_at, id")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    int threshold = r.getInt(4);
                    out.add(new Rule(r.getString(1), id, RuleKind.parse(r.getString(2)), r.getString(3), r.wasNull() ? null : threshold));
                }
            }
        }
        return out;
    }

    @Override
    public String version() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(version), 0) FROM watchlists");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1) + ":" + r.getLong(2);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read watchlists: " + e.getMessage(), e);
        }
    }

    @Override
    public List<AuditEntry> audit(String watchlistId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT seq, watchlist_id, version, actor, action, detail, at FROM watchlist_audit WHERE watchlist_id = ? ORDER BY seq")) {
            s.setString(1, watchlistId);
            List<AuditEntry> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new AuditEntry(r.getLong(1), r.getString(2), r.getInt(3), r.getString(4), r.getString(5), r.getString(6),
                            r.getTimestamp(7).toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the audit of " + watchlistId + ": " + e.getMessage(), e);
        }
    }

    private static String require(String what, String value, int max) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty() || v.length() > max) {
            throw new IllegalArgumentException(what + " must be 1 to " + max + " characters");
        }
        return v;
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("watchlist change failed: " + e.getMessage(), e);
        }
    }
}
