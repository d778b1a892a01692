package org.roomwatch.controlplane;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.roomwatch.core.VideoHashes;
import org.roomwatch.core.hashes.HashSetEntry;
import org.roomwatch.core.hashes.HashSetInfo;
import org.roomwatch.core.hashes.HashSets;

/** Hash sets in the control-plane database; an import replaces a set's entries in one transaction. */
public final class JdbcHashSets implements HashSets {
    private static final String INFO = "SELECT s.name, s.description, s.imported_at,"
            + " (SELECT COUNT(*) FROM hash_set_entries e WHERE e.set_name = s.name) AS entries FROM hash_sets s";

    private final DataSource dataSource;

    public JdbcHashSets(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public HashSetInfo replace(String name, String description, List<HashSetEntry> entries) {
        HashSets.checkName(name);
        Instant now = Instant.now();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM hash_sets WHERE name = ?")) {
                    delete.setString(1, name);
                    delete.executeUpdate();
                }
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO hash_sets (name, description, imported_at) VALUES (?, ?, ?)")) {
                    insert.setString(1, name);
                    insert.setString(2, description);
                    insert.setTimestamp(3, Timestamp.from(now));
                    insert.executeUpdate();
                }
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO hash_set_entries (set_name, kind, hash, label) VALUES (?, ?, ?, ?)")) {
                    int pending = 0;
                    for (HashSetEntry e : entries) {
                        insert.setString(1, name);
                        insert.setString(2, e.kind());
                        insert.setString(3, e.value());
                        insert.setString(4, e.label() == null ? null : e.label().length() > 200 ? e.label().substring(0, 200) : e.label());
                        insert.addBatch();
                        if (++pending == 1000) {
                            insert.executeBatch();
                            pending = 0;
                        }
                    }
                    insert.executeBatch();
                }
                insertFrames(c, name, entries);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
            return new HashSetInfo(name, description, entries.size(), now);
        } catch (SQLException e) {
            throw new IllegalStateException("could not save hash set " + name + ": " + e.getMessage(), e);
        }
    }

    private static void insertFrames(Connection c, String name, List<HashSetEntry> entries) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO hash_set_video_frames (set_name, video, position,"
                + " frame_number, quality, pdq, seconds) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            int pending = 0;
            for (HashSetEntry e : entries) {
                for (int i = 0; i < e.frames().size(); i++) {
                    VideoHashes.Frame f = e.frames().get(i);
                    insert.setString(1, name);
                    insert.setString(2, e.value());
                    insert.setInt(3, i);
                    insert.setInt(4, f.frameNumber());
                    insert.setInt(5, f.quality());
                    insert.setString(6, f.pdq());
                    insert.setDouble(7, f.timestamp());
                    insert.addBatch();
                    if (++pending == 1000) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
            }
            insert.executeBatch();
        }
    }

    @Override
    public List<HashSetInfo> list() {
        return infos(INFO + " ORDER BY s.name", null);
    }

    @Override
    public Optional<HashSetInfo> find(String name) {
        return infos(INFO + " WHERE s.name = ?", name).stream().findFirst();
    }

    private List<HashSetInfo> infos(String sql, String name) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (name != null) {
                s.setString(1, name);
            }
            List<HashSetInfo> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new HashSetInfo(r.getString("name"), r.getString("description"), r.getInt("entries"),
                            r.getTimestamp("imported_at").toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read hash sets: " + e.getMessage(), e);
        }
    }

    @Override
    public List<HashSetEntry> entries(String name) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT kind, hash, label FROM hash_set_entries WHERE set_name = ? ORDER BY kind, hash")) {
            s.setString(1, name);
            List<HashSetEntry> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new HashSetEntry(r.getString(1), r.getString(2), r.getString(3)));
                }
            }
            if (out.stream().noneMatch(HashSetEntry::isVideo)) {
                return out;
            }
            Map<String, List<VideoHashes.Frame>> frames = new HashMap<>();
            try (PreparedStatement f = c.prepareStatement("SELECT video, frame_number, quality, pdq, seconds FROM hash_set_video_frames"
                    + " WHERE set_name = ? ORDER BY video, position")) {
                f.setString(1, name);
                try (ResultSet r = f.executeQuery()) {
                    while (r.next()) {
                        frames.computeIfAbsent(r.getString(1), k -> new ArrayList<>())
                                .add(new VideoHashes.Frame(r.getInt(2), r.getInt(3), r.getString(4), r.getDouble(5)));
                    }
                }
            }
            out.replaceAll(e -> e.isVideo() ? new HashSetEntry(e.kind(), e.value(), e.label(), frames.getOrDefault(e.value(), List.of())) : e);
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read hash set " + name + ": " + e.getMessage(), e);
        }
    }

    /** The number of sets and the latest import: a replace stamps a new import time, a delete lowers the count. */
    @Override
    public String version() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*), MAX(imported_at) FROM hash_sets");
             ResultSet r = s.executeQuery()) {
            r.next();
            Timestamp latest = r.getTimestamp(2);
            return r.getLong(1) + "@" + (latest == null ? "-" : latest.toInstant());
        } catch (SQLException e) {
            throw new IllegalStateException("could not read hash sets: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean delete(String name) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("DELETE FROM hash_sets WHERE name = ?")) {
            s.setString(1, name);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("could not delete hash set " + name + ": " + e.getMessage(), e);
        }
    }
}
