package org.roomwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcRoomRegistry;
import org.roomwatch.indexer.IndexNames;
import org.roomwatch.indexer.testing.IndicesExtension;
import org.roomwatch.indexer.testing.TestIndices;
import org.roomwatch.simulator.SimPost;
import org.roomwatch.simulator.SimRoom;
import org.roomwatch.simulator.TelegramSite;
import org.roomwatch.testkit.Machine;
import org.roomwatch.testkit.MachineCheck;
import org.roomwatch.testkit.PostgresDatabases;

/**
 * A single {@code roomwatch serve}, on the embedded H2 default and on PostgreSQL (a throwaway database on the
 * machine's server): killed with SIGKILL in the middle of crawling, started
 * again, then stopped with SIGTERM in the middle of crawling (it must exit by itself), started once more. The
 * control-plane database opens and migrates cleanly every time, and in the end every post is indexed exactly once
 * and every cursor stands at its room's newest post.
 */
@ExtendWith(IndicesExtension.class)
class CrashRestartTest {
    @TempDir
    Path dir;
    private Process process;

    private static final String SERVER = PostgresDatabases.SERVER;
    private String database;
    private Map<String, String> databaseEnv = Map.of();

    @AfterEach
    void stop() throws Exception {
        ServeProcess.kill(process);
        PostgresDatabases.drop(database);
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void killedAndStoppedMidCrawlThenRestartedWithNoGapAndNoDuplicate(String engine, TestIndices indices) throws Exception {
        org.roomwatch.core.config.DatabaseConfig controlPlane = new org.roomwatch.core.config.ConfigLoader().defaults().database()
                .withJdbcUrl("jdbc:h2:file:" + dir.resolve("data/roomwatch"));
        if (engine.equals("postgresql")) {
            MachineCheck.require(Machine.POSTGRESQL);
            database = PostgresDatabases.create("rw_crash_");
            databaseEnv = Map.of("ROOMWATCH_DATABASE_JDBCURL", SERVER + database,
                    "ROOMWATCH_DATABASE_USER", "postgres", "ROOMWATCH_DATABASE_PASSWORD", "");
            controlPlane = new org.roomwatch.core.config.DatabaseConfig(SERVER + database, "postgres", "", 2);
        }
        try (TelegramSite site = TelegramSite.start()) {
            Instant t0 = Instant.parse("2026-10-01T00:00:00Z");
            List<SimRoom> rooms = new ArrayList<>();
            StringBuilder yaml = new StringBuilder("crawler:\n  telegramBaseUrl: \"" + site.baseUrl() + "\"\n"
                    + "  requestsPerSecondPerHost: 200\n  maxPagesPerCrawl: 2\n  threads: 2\nrooms:\n");
            for (int r = 0; r < 3; r++) {
                SimRoom room = new SimRoom("crash_room_" + r, "방 " + r, "합성", false, 20, true);
                for (long id = 1; id <= 120; id++) {
                    room.add(SimPost.text(id, t0.plusSeconds(id), "가상초등학교 글 " + r + "-" + id));
                }
                site.add(room);
                rooms.add(room);
                yaml.append("  - name: ").append(room.name()).append("\n    interval: 1s\n");
            }
            site.delayPages(Duration.ofMillis(150));
            Path config = dir.resolve("roomwatch.yml");
            Files.writeString(config, yaml);
            String prefix = indices.prefix();

            process = serve(config, indices, prefix, 1);
            awaitOpenFetch(site, 1);
            process.destroyForcibly(); // SIGKILL mid-crawl: nothing of the process gets to run
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            addPosts(rooms, t0, 121, 130);

            process = serve(config, indices, prefix, 2);
            awaitUp(2); // crawls start before the API does: SIGTERM must find the process fully started
            awaitOpenFetch(site, 2);
            process.destroy(); // SIGTERM mid-crawl: the shutdown hook finishes the crawls and bulks in flight
            assertTrue(process.waitFor(90, TimeUnit.SECONDS), "serve exits by itself after SIGTERM: " + log(2));
            assertTrue(Files.readString(dir.resolve("serve-2.log")).contains("roomwatch is up"), log(2));
            addPosts(rooms, t0, 131, 140);

            process = serve(config, indices, prefix, 3);
            ElasticsearchClient client = indices.client();
            IndexNames names = indices.names();
            Map<String, Long> expected = new LinkedHashMap<>();
            rooms.forEach(r -> expected.put(r.name(), 140L));
            Map<String, Long> indexed = new LinkedHashMap<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline && !indexed.equals(expected)) {
                Thread.sleep(500);
                client.indices().refresh(r -> r.index(names.messages()));
                for (SimRoom room : rooms) {
                    indexed.put(room.name(), client.count(c -> c.index(names.messages())
                            .query(q -> q.term(t -> t.field("room").value(room.name())))).count());
                }
            }
            assertEquals(expected, indexed, "every post once: " + log(3));
            assertEquals(420, client.count(c -> c.index(names.messages())).count());
            process.destroy();
            assertTrue(process.waitFor(90, TimeUnit.SECONDS));

            // The control plane after all that: opens, migrates (Flyway validates its history) and holds the cursors.
            try (ControlPlaneDatabase db = ControlPlaneDatabase.open(controlPlane)) {
                JdbcRoomRegistry registry = new JdbcRoomRegistry(db.dataSource());
                for (SimRoom room : rooms) {
                    assertEquals(140, registry.position(room.name()).cursor(), room.name());
                }
            }
        }
    }

    private static void addPosts(List<SimRoom> rooms, Instant t0, long from, long to) {
        for (SimRoom room : rooms) {
            for (long id = from; id <= to; id++) {
                room.add(SimPost.text(id, t0.plusSeconds(id), "가상초등학교 새 글 " + id));
            }
        }
    }

    private void awaitUp(int run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (Files.readString(dir.resolve("serve-" + run + ".log")).contains("roomwatch is up")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("run " + run + " never came up: " + log(run));
    }

    private static void awaitOpenFetch(TelegramSite site, int run) throws InterruptedException {
        String agent = "roomwatch-crash-" + run;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            long finished = site.visits().stream().filter(v -> v.agent().equals(agent) && !v.open()).count();
            boolean open = site.visits().stream().anyMatch(v -> v.agent().equals(agent) && v.open());
            if (finished >= 2 && open) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("run " + run + " never fetched pages");
    }

    private Process serve(Path config, TestIndices indices, String prefix, int run) throws IOException {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "ROOMWATCH_ELASTICSEARCH_URL", indices.url().toString(),
                "ROOMWATCH_ELASTICSEARCH_INDEXPREFIX", prefix,
                "ROOMWATCH_API_PORT", "0",
                "ROOMWATCH_CRAWLER_USERAGENT", "roomwatch-crash-" + run));
        env.putAll(databaseEnv);
        return ServeProcess.start(dir, dir.resolve("serve-" + run + ".log"), env, "--config", config.toString());
    }

    private String log(int run) {
        return ServeProcess.tail(dir.resolve("serve-" + run + ".log"), 20);
    }
}
