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
import javax.sql.DataSource;
import org.roomwatch.core.school.School;
import org.roomwatch.core.school.SchoolGender;
import org.roomwatch.core.school.SchoolLevel;

/** The school registry in the control-plane database. An import adds or updates schools by id, in one transaction. */
public final class JdbcSchoolRegistry {
    private final DataSource dataSource;

    public JdbcSchoolRegistry(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Adds or updates every school (by id) and replaces their aliases; all or nothing. Returns how many were new. */
    public int importAll(List<School> schools) {
        Instant now = Instant.now();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            int added = 0;
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE schools SET name = ?, level = ?, gender = ?, sido = ?, sigungu = ?, imported_at = ? WHERE id = ?");
                 PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO schools (name, level, gender, sido, sigungu, imported_at, id) VALUES (?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement deleteAliases = c.prepareStatement("DELETE FROM school_aliases WHERE school_id = ?");
                 PreparedStatement insertAlias = c.prepareStatement("INSERT INTO school_aliases (school_id, alias) VALUES (?, ?)")) {
                for (School s : schools) {
                    bind(update, s, now);
                    if (update.executeUpdate() == 0) {
                        bind(insert, s, now);
                        insert.executeUpdate();
                        added++;
                    }
                    deleteAliases.setString(1, s.id());
                    deleteAliases.executeUpdate();
                    for (String alias : new java.util.LinkedHashSet<>(s.aliases())) {
                        insertAlias.setString(1, s.id());
                        insertAlias.setString(2, alias);
                        insertAlias.addBatch();
                    }
                    insertAlias.executeBatch();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
            return added;
        } catch (SQLException e) {
            throw new IllegalStateException("could not import schools: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement s, School school, Instant now) throws SQLException {
        s.setString(1, school.name());
        s.setString(2, school.level() == null ? null : school.level().name());
        s.setString(3, school.gender().name());
        s.setString(4, school.sido());
        s.setString(5, school.sigungu());
        s.setTimestamp(6, Timestamp.from(now));
        s.setString(7, school.id());
    }

    public List<School> all() {
        try (Connection c = dataSource.getConnection()) {
            Map<String, List<String>> aliases = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT school_id, alias FROM school_aliases ORDER BY school_id, alias");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    aliases.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getString(2));
                }
            }
            List<School> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, name, level, gender, sido, sigungu FROM schools ORDER BY id");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String level = r.getString(3);
                    out.add(new School(r.getString(1), r.getString(2), level == null ? null : SchoolLevel.valueOf(level),
                            SchoolGender.valueOf(r.getString(4)), r.getString(5), r.getString(6), aliases.getOrDefault(r.getString(1), List.of())));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read schools: " + e.getMessage(), e);
        }
    }

    /** Changes whenever schools are imported: the count and the latest import time. */
    public String version() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*), MAX(imported_at) FROM schools");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getInt(1) + "@" + r.getTimestamp(2);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the school registry: " + e.getMessage(), e);
        }
    }

    public int count() {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM schools");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not count schools: " + e.getMessage(), e);
        }
    }
}
