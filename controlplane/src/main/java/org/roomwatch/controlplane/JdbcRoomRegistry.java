package org.roomwatch.controlplane;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.roomwatch.core.CrawlPosition;
import org.roomwatch.core.RoomRegistry;
import org.roomwatch.core.SourceKind;
import org.roomwatch.core.WatchedRoom;

/** Watched rooms and crawl positions in the control-plane database. */
public final class JdbcRoomRegistry implements RoomRegistry {
    private final DataSource dataSource;

    public JdbcRoomRegistry(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<WatchedRoom> list() {
        return query("SELECT name, source, interval_seconds FROM watched_rooms ORDER BY name", null);
    }

    @Override
    public Optional<WatchedRoom> find(String name) {
        return query("SELECT name, source, interval_seconds FROM watched_rooms WHERE name = ?", name).stream().findFirst();
    }

    @Override
    public boolean put(WatchedRoom room) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE watched_rooms SET source = ?, interval_seconds = ? WHERE name = ?")) {
                update.setString(1, room.source().key());
                update.setLong(2, room.interval().toSeconds());
                update.setString(3, room.name());
                if (update.executeUpdate() > 0) {
                    return false;
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO watched_rooms (name, source, interval_seconds, added_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, room.name());
                insert.setString(2, room.source().key());
                insert.setLong(3, room.interval().toSeconds());
                insert.setTimestamp(4, Timestamp.from(Instant.now()));
                insert.executeUpdate();
                return true;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not save watched room " + room.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean remove(String name) {
        return update("DELETE FROM watched_rooms WHERE name = ?", name) > 0;
    }

    @Override
    public CrawlPosition position(String name) {
        return status(name).map(CrawlStatus::position).orElse(CrawlPosition.START);
    }

    @Override
    public void savePosition(String name, CrawlPosition position) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                ensureRow(c, name);
                try (PreparedStatement update = c.prepareStatement("UPDATE crawl_positions SET cursor_id = ?, pending_top = ?,"
                        + " resume_before = ? WHERE name = ? AND cursor_id <= ?")) {
                    update.setLong(1, position.cursor());
                    update.setLong(2, position.pendingTop());
                    update.setLong(3, position.resumeBefore());
                    update.setString(4, name);
                    update.setLong(5, position.cursor());
                    if (update.executeUpdate() == 0) {
                        throw new IllegalStateException("refusing to move the cursor of " + name + " backwards");
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not save the crawl position of " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void recordCrawl(String name, Instant at, String outcome) {
        try (Connection c = dataSource.getConnection()) {
            ensureRow(c, name);
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE crawl_positions SET last_crawl = ?, last_outcome = ? WHERE name = ?")) {
                update.setTimestamp(1, Timestamp.from(at));
                update.setString(2, outcome.length() > 2000 ? outcome.substring(0, 2000) : outcome);
                update.setString(3, name);
                update.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not record the crawl of " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<CrawlStatus> status(String name) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT cursor_id, pending_top, resume_before, last_crawl, last_outcome"
                     + " FROM crawl_positions WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp last = rs.getTimestamp(4);
                return Optional.of(new CrawlStatus(name, new CrawlPosition(rs.getLong(1), rs.getLong(2), rs.getLong(3)),
                        last == null ? null : last.toInstant(), rs.getString(5)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the crawl position of " + name + ": " + e.getMessage(), e);
        }
    }

    private static void ensureRow(Connection c, String name) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT 1 FROM crawl_positions WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO crawl_positions (name, cursor_id, pending_top, resume_before) VALUES (?, 0, 0, 0)")) {
            insert.setString(1, name);
            insert.executeUpdate();
        } catch (SQLException e) {
            // Another crawler inserted it between our select and insert: the row exists, which is all we need.
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    private List<WatchedRoom> query(String sql, String name) {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            if (name != null) {
                select.setString(1, name);
            }
            List<WatchedRoom> rooms = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rooms.add(new WatchedRoom(rs.getString(1), SourceKind.parse(rs.getString(2)), Duration.ofSeconds(rs.getLong(3))));
                }
            }
            return rooms;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read watched rooms: " + e.getMessage(), e);
        }
    }

    private int update(String sql, String name) {
        try (Connection c = dataSource.getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, name);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("database update failed: " + e.getMessage(), e);
        }
    }
}
