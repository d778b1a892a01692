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
import java.util.Set;
import javax.sql.DataSource;
import org.roomwatch.core.DiscoveredRoom;
import org.roomwatch.core.DiscoveredRooms;

/** The discovered-room queue in the control-plane database. */
public final class JdbcDiscoveredRooms implements DiscoveredRooms {
    private static final Set<String> STATUSES = Set.of("pending", "watching", "dismissed");
    /** SQLSTATE of a duplicate key, in PostgreSQL and H2 alike. */
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "id, platform, invite, target, status, first_seen, last_seen, title, members, expired,"
            + " fetched_at, fetch_note, decided_by, decided_at,"
            + " (SELECT COUNT(*) FROM discovered_sightings s WHERE s.room_id = d.id) AS sightings";

    private final DataSource dataSource;

    public JdbcDiscoveredRooms(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records a sighting, creating the room at its first. Two crawls that see a new room at once both find no row and
     * both insert it; the second insert is refused as a duplicate, and that crawl records again, now finding the row.
     */
    @Override
    public boolean record(String id, String platform, boolean invite, String target, String messageId, String url, Instant seenAt) {
        for (int attempt = 1; ; attempt++) {
            try {
                return recordOnce(id, platform, invite, target, messageId, url, seenAt);
            } catch (SQLException e) {
                if (attempt == 1 && UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    continue; // another crawl created the room or the sighting meanwhile
                }
                throw new IllegalStateException("could not record discovered room " + id + ": " + e.getMessage(), e);
            }
        }
    }

    private boolean recordOnce(String id, String platform, boolean invite, String target, String messageId, String url, Instant seenAt)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            boolean created = false;
            try {
                try (PreparedStatement update = c.prepareStatement(
                        "UPDATE discovered_rooms SET last_seen = CASE WHEN last_seen < ? THEN ? ELSE last_seen END,"
                                + " first_seen = CASE WHEN first_seen > ? THEN ? ELSE first_seen END WHERE id = ?")) {
                    Timestamp at = Timestamp.from(seenAt);
                    update.setTimestamp(1, at);
                    update.setTimestamp(2, at);
                    update.setTimestamp(3, at);
                    update.setTimestamp(4, at);
                    update.setString(5, id);
                    if (update.executeUpdate() == 0) {
                        try (PreparedStatement insert = c.prepareStatement("INSERT INTO discovered_rooms"
                                + " (id, platform, invite, target, status, first_seen, last_seen) VALUES (?, ?, ?, ?, 'pending', ?, ?)")) {
                            insert.setString(1, id);
                            insert.setString(2, platform);
                            insert.setBoolean(3, invite);
                            insert.setString(4, target);
                            insert.setTimestamp(5, at);
                            insert.setTimestamp(6, at);
                            insert.executeUpdate();
                            created = true;
                        }
                    }
                }
                try (PreparedStatement seen = c.prepareStatement(
                        "SELECT 1 FROM discovered_sightings WHERE room_id = ? AND message_id = ?")) {
                    seen.setString(1, id);
                    seen.setString(2, messageId);
                    boolean known;
                    try (ResultSet r = seen.executeQuery()) {
                        known = r.next();
                    }
                    if (!known) {
                        try (PreparedStatement insert = c.prepareStatement(
                                "INSERT INTO discovered_sightings (room_id, message_id, url, seen_at) VALUES (?, ?, ?, ?)")) {
                            insert.setString(1, id);
                            insert.setString(2, messageId);
                            insert.setString(3, url.length() > 1000 ? url.substring(0, 1000) : url);
                            insert.setTimestamp(4, Timestamp.from(seenAt));
                            insert.executeUpdate();
                        }
                    }
                }
                c.commit();
                return created;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    @Override
    public List<DiscoveredRoom> list(String status, int limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw new IllegalArgumentException("status must be pending, watching or dismissed, got " + status);
        }
        return query("SELECT " + COLUMNS + " FROM discovered_rooms d" + (status == null ? "" : " WHERE status = ?")
                + " ORDER BY last_seen DESC, id LIMIT " + Math.max(1, Math.min(limit, 1000)), status);
    }

    @Override
    public Optional<DiscoveredRoom> find(String id) {
        return query("SELECT " + COLUMNS + " FROM discovered_rooms d WHERE id = ?", id).stream().findFirst();
    }

    @Override
    public List<DiscoveredRoom> unfetched(int limit) {
        return query("SELECT " + COLUMNS + " FROM discovered_rooms d WHERE fetched_at IS NULL ORDER BY first_seen, id LIMIT "
                + Math.max(1, Math.min(limit, 1000)), null);
    }

    @Override
    public void saveFetched(String id, String title, Long members, Boolean expired, String note, Instant at) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE discovered_rooms SET title = ?, members = ?, expired = ?, fetch_note = ?, fetched_at = ? WHERE id = ?")) {
            s.setString(1, title);
            if (members == null) {
                s.setNull(2, Types.BIGINT);
            } else {
                s.setLong(2, members);
            }
            if (expired == null) {
                s.setNull(3, Types.BOOLEAN);
            } else {
                s.setBoolean(3, expired);
            }
            s.setString(4, note == null || note.length() <= 1000 ? note : note.substring(0, 1000));
            s.setTimestamp(5, Timestamp.from(at));
            s.setString(6, id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not save the page of " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean decide(String id, String status, String by, Instant at) {
        if (!status.equals("watching") && !status.equals("dismissed")) {
            throw new IllegalArgumentException("a decision is watching or dismissed, got " + status);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE discovered_rooms SET status = ?, decided_by = ?, decided_at = ? WHERE id = ?")) {
            s.setString(1, status);
            s.setString(2, by);
            s.setTimestamp(3, Timestamp.from(at));
            s.setString(4, id);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("could not decide on " + id + ": " + e.getMessage(), e);
        }
    }

    private List<DiscoveredRoom> query(String sql, String parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (parameter != null) {
                s.setString(1, parameter);
            }
            List<DiscoveredRoom> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String id = r.getString("id");
                    long members = r.getLong("members");
                    Long membersOrNull = r.wasNull() ? null : members;
                    boolean expired = r.getBoolean("expired");
                    Boolean expiredOrNull = r.wasNull() ? null : expired;
                    out.add(new DiscoveredRoom(id, r.getString("platform"), r.getBoolean("invite"), r.getString("target"),
                            r.getString("status"), instant(r, "first_seen"), instant(r, "last_seen"), r.getInt("sightings"),
                            sightings(c, id), r.getString("title"), membersOrNull, expiredOrNull, instant(r, "fetched_at"),
                            r.getString("fetch_note"), r.getString("decided_by"), instant(r, "decided_at")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read discovered rooms: " + e.getMessage(), e);
        }
    }

    private static List<DiscoveredRoom.Sighting> sightings(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT message_id, url, seen_at FROM discovered_sightings WHERE room_id = ? ORDER BY seen_at DESC LIMIT 5")) {
            s.setString(1, id);
            List<DiscoveredRoom.Sighting> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new DiscoveredRoom.Sighting(r.getString(1), r.getString(2), r.getTimestamp(3).toInstant()));
                }
            }
            return out;
        }
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        Timestamp t = r.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
