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
import javax.sql.DataSource;
import org.roomwatch.core.cases.CaseFile;
import org.roomwatch.core.cases.Cases;

/** Cases in the control-plane database. */
public final class JdbcCases implements Cases {
    private static final String SELECT = "SELECT case_number, hash_set, counselor, consent_note, watchlist_id, photos,"
            + " created_by, created_at FROM cases";

    private final DataSource dataSource;

    public JdbcCases(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public CaseFile create(CaseFile file) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO cases"
                + " (case_number, hash_set, counselor, consent_note, watchlist_id, photos, created_by, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, file.caseNumber());
            s.setString(2, file.hashSet());
            s.setString(3, file.counselor());
            s.setString(4, file.consentNote());
            s.setString(5, file.watchlistId());
            s.setInt(6, file.photos());
            s.setString(7, file.createdBy());
            s.setTimestamp(8, Timestamp.from(file.createdAt()));
            s.executeUpdate();
            return file;
        } catch (SQLException e) {
            if (find(file.caseNumber()).isPresent()) {
                throw new IllegalArgumentException("case " + file.caseNumber() + " already exists");
            }
            throw new IllegalStateException("could not save case " + file.caseNumber() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void linkWatchlist(String caseNumber, String watchlistId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE cases SET watchlist_id = ? WHERE case_number = ?")) {
            s.setString(1, watchlistId);
            s.setString(2, caseNumber);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not link case " + caseNumber + " to its watchlist: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<CaseFile> find(String caseNumber) {
        return read(SELECT + " WHERE case_number = ?", caseNumber).stream().findFirst();
    }

    @Override
    public List<CaseFile> list() {
        return read(SELECT + " ORDER BY created_at DESC", null);
    }

    @Override
    public Optional<CaseFile> byHashSet(String name) {
        return read(SELECT + " WHERE hash_set = ?", name).stream().findFirst();
    }

    @Override
    public boolean names(String caseNumber, String user) {
        return user != null && members(caseNumber).contains(user);
    }

    @Override
    public List<String> members(String caseNumber) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT created_by FROM cases"
                + " WHERE case_number = ? UNION ALL SELECT user_name FROM case_members WHERE case_number = ?")) {
            s.setString(1, caseNumber);
            s.setString(2, caseNumber);
            List<String> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (!out.contains(r.getString(1))) {
                        out.add(r.getString(1));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the members of case " + caseNumber + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean addMember(String caseNumber, String user, String by) {
        if (find(caseNumber).isEmpty()) {
            throw new IllegalArgumentException("no case " + caseNumber);
        }
        if (names(caseNumber, user)) {
            return false;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO case_members"
                + " (case_number, user_name, added_by, added_at) VALUES (?, ?, ?, ?)")) {
            s.setString(1, caseNumber);
            s.setString(2, user);
            s.setString(3, by);
            s.setTimestamp(4, Timestamp.from(Instant.now()));
            s.executeUpdate();
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("could not name " + user + " on case " + caseNumber + ": " + e.getMessage(), e);
        }
    }

    private List<CaseFile> read(String sql, String parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (parameter != null) {
                s.setString(1, parameter);
            }
            List<CaseFile> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new CaseFile(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                            r.getInt(6), r.getString(7), r.getTimestamp(8).toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read cases: " + e.getMessage(), e);
        }
    }
}
