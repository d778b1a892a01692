package org.roomwatch.crawler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcDiscoveredRooms;
import org.roomwatch.core.config.DatabaseConfig;
import org.roomwatch.testkit.PostgresDatabases;

/**
 * Crawls of different rooms that find a link to the same new room at the same moment both record it: neither crawl
 * fails on the other's insert, the room is created once (one alert), and every sighting is kept.
 */
class DiscoveredRoomsRaceTest {
    private static final int ROUNDS = 30;
    private static final int CRAWLS = 6;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void concurrentSightingsOfANewRoomAllCountAndCreateItOnce(String database) throws Exception {
        String postgres = database.equals("postgres") ? PostgresDatabases.create("discovered_race_") : null;
        DatabaseConfig config = postgres != null ? new DatabaseConfig(PostgresDatabases.SERVER + postgres, "postgres", "", CRAWLS + 2)
                : new DatabaseConfig("jdbc:h2:file:" + dir.resolve("db"), "sa", "", CRAWLS + 2);
        ExecutorService crawls = Executors.newFixedThreadPool(CRAWLS);
        try (ControlPlaneDatabase db = ControlPlaneDatabase.open(config)) {
            JdbcDiscoveredRooms rooms = new JdbcDiscoveredRooms(db.dataSource());
            Instant seen = Instant.parse("2026-05-01T00:00:00Z");
            for (int round = 0; round < ROUNDS; round++) {
                String id = "telegram:+SimRace" + round;
                CyclicBarrier together = new CyclicBarrier(CRAWLS);
                List<Future<Boolean>> recorded = new ArrayList<>();
                for (int crawl = 0; crawl < CRAWLS; crawl++) {
                    String message = "telegram:race_room_" + crawl + ":" + round;
                    recorded.add(crawls.submit(() -> {
                        together.await();
                        return rooms.record(id, "telegram", true, "+SimRace", message, "https://t.me/+SimRace", seen);
                    }));
                }
                int created = 0;
                for (Future<Boolean> r : recorded) {
                    created += r.get() ? 1 : 0; // a crawl that failed on the race throws here
                }
                assertEquals(1, created, id + " is created by one of the crawls");
                assertEquals(CRAWLS, rooms.find(id).orElseThrow().sightings(), id + " keeps every crawl's sighting");
            }
        } finally {
            crawls.shutdownNow();
            PostgresDatabases.drop(postgres);
        }
    }
}
