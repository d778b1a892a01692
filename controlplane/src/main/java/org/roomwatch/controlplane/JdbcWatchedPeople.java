package org.roomwatch.controlplane;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.roomwatch.core.people.WatchedPerson;
import org.roomwatch.core.text.Phones;

/** Watched people in the control-plane database; ids are random, so an id says nothing about the person. */
public final class JdbcWatchedPeople {
    private final DataSource dataSource;

    public JdbcWatchedPeople(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Adds a person; returns the new id. Phones are kept as 010-1234-5678, handles in lower case without '@'. */
    public String add(String name, List<String> phones, List<String> handles, String by) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 100) {
            throw new IllegalArgumentException("a watched person needs a name of 1 to 100 characters");
        }
        List<String> phoneList = phones.stream().map(Phones::requireMobile).toList();
        List<String> handleList = handles.stream().map(h -> h.strip().toLowerCase().replaceFirst("^@", "")).filter(h -> !h.isEmpty()).toList();
        String id = "p-" + UUID.randomUUID().toString().substring(0, 12);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO watched_people (id, name, phones, handles, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, id);
            s.setString(2, clean);
            s.setString(3, String.join(",", phoneList));
            s.setString(4, String.join(",", handleList));
            s.setString(5, by);
            s.setTimestamp(6, Timestamp.from(Instant.now()));
            s.executeUpdate();
            return id;
        } catch (SQLException e) {
            throw new IllegalStateException("could not add a watched person: " + e.getMessage(), e);
        }
    }

    public List<WatchedPerson> all() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id, name, phones, handles FROM watched_people ORDER BY added_at, id");
             ResultSet r = s.executeQuery()) {
            List<WatchedPerson> out = new ArrayList<>();
            while (r.next()) {
                out.add(new WatchedPerson(r.getString(1), r.getString(2), split(r.getString(3)), split(r.getString(4))));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read watched people: " + e.getMessage(), e);
        }
    }

    public boolean remove(String id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("DELETE FROM watched_people WHERE id = ?")) {
            s.setString(1, id);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("could not remove watched person " + id + ": " + e.getMessage(), e);
        }
    }

    /** Changes whenever someone is added or removed. */
    public String version() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*), MAX(added_at) FROM watched_people");
             ResultSet r = s.executeQuery()) {
            r.next();
            // Adding moves the latest time, removing the count: no need to read every person.
            return r.getInt(1) + "@" + r.getTimestamp(2);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read watched people: " + e.getMessage(), e);
        }
    }

    private static List<String> split(String value) {
        return value == null || value.isBlank() ? List.of() : Arrays.asList(value.split(","));
    }
}
