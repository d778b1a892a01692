package org.roomwatch.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roomwatch.core.config.DatabaseConfig;

/** How the control plane opens H2: closed by the process itself, last, where H2 allows it. */
class ControlPlaneDatabaseTest {
    @TempDir
    Path dir;

    private static DatabaseConfig h2(String url) {
        return new DatabaseConfig(url, "sa", "", 2);
    }

    @Test
    void anEmbeddedH2IsNotClosedByH2sOwnExitHook() {
        assertEquals("jdbc:h2:file:/x/db;DB_CLOSE_ON_EXIT=FALSE", ControlPlaneDatabase.jdbcUrl(h2("jdbc:h2:file:/x/db")));
        assertEquals("jdbc:h2:file:/x/db;DB_CLOSE_ON_EXIT=TRUE", ControlPlaneDatabase.jdbcUrl(h2("jdbc:h2:file:/x/db;DB_CLOSE_ON_EXIT=TRUE")),
                "what the configuration says stands");
        assertEquals("jdbc:postgresql://127.0.0.1:5432/rw", ControlPlaneDatabase.jdbcUrl(
                new DatabaseConfig("jdbc:postgresql://127.0.0.1:5432/rw", "postgres", "", 2)));
    }

    @Test
    void aSharedH2KeepsItsUrlBecauseH2RefusesTheOptionThereAndStillOpens() {
        String shared = "jdbc:h2:file:" + dir.resolve("db") + ";AUTO_SERVER=TRUE";
        assertEquals(shared, ControlPlaneDatabase.jdbcUrl(h2(shared)));
        try (ControlPlaneDatabase db = ControlPlaneDatabase.open(h2(shared))) {
            assertTrue(db.isReachable(java.time.Duration.ofSeconds(2)));
        }
        try (ControlPlaneDatabase db = ControlPlaneDatabase.open(h2("jdbc:h2:file:" + dir.resolve("other")))) {
            assertTrue(db.isReachable(java.time.Duration.ofSeconds(2)));
        }
    }
}
