package org.roomwatch.controlplane;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/** One statement that changes rows, on a pooled connection of its own; a failure names what was being changed. */
final class SqlUpdate {
    /** Sets the statement's parameters. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private SqlUpdate() {}

    /** Runs {@code sql} with its parameters and answers the rows changed; throws "could not update {what}: ...". */
    static int run(DataSource dataSource, String what, String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not update " + what + ": " + e.getMessage(), e);
        }
    }
}
