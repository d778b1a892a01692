package org.roomwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.roomwatch.indexer.IndexNames;
import org.roomwatch.indexer.testing.IndicesExtension;
import org.roomwatch.indexer.testing.TestIndices;
import org.roomwatch.simulator.SimPost;
import org.roomwatch.simulator.SimRoom;
import org.roomwatch.simulator.TelegramSite;
import org.roomwatch.testkit.Machine;
import org.roomwatch.testkit.Needs;
import org.roomwatch.testkit.PostgresDatabases;

/**
 * Three {@code roomwatch serve --role crawler} processes on one PostgreSQL (a throwaway database on the machine's
 * server) share live rooms through Quartz's clustered job store. One is killed with SIGKILL while it is fetching a
 * page; the others take its rooms over. Then PostgreSQL restarts under the survivors, who reconnect. In the end every
 * post of every room is in the index exactly once, and no room was ever fetched by two processes at the same moment.
 */
@ExtendWith(IndicesExtension.class)
@Needs(Machine.POSTGRESQL)
class ClusteredCrawlTest {
    private static final String SERVER = PostgresDatabases.SERVER;
    private static final int ROOMS = 6;

    @TempDir
    Path dir;
    private final List<Process> processes = new ArrayList<>();
    private String database;

    @AfterEach
    void stopAll() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        PostgresDatabases.drop(database);
    }

    @Test
    void aKilledCrawlerRoomsAreTakenOverAndNothingIsLostOrDoubled(TestIndices indices) throws Exception {
        database = PostgresDatabases.create("rw_cluster_");
        try (TelegramSite site = TelegramSite.start()) {
            Instant t0 = Instant.parse("2026-10-01T00:00:00Z");
            List<SimRoom> rooms = new ArrayList<>();
            for (int r = 0; r < ROOMS; r++) {
                SimRoom room = new SimRoom("cluster_room_" + r, "클러스터 방 " + r, "합성 방", false, 40, true);
                for (long id = 1; id <= 50; id++) {
                    room.add(SimPost.text(id, t0.plusSeconds(id), "가상중학교 글 " + r + "-" + id));
                }
                site.add(room);
                rooms.add(room);
            }
            // Slow pages: a crawl of a few pages takes about a second, so a kill lands in the middle of one.
            site.delayPages(Duration.ofMillis(200));
            Path config = dir.resolve("roomwatch.yml");
            StringBuilder yaml = new StringBuilder("crawler:\n  telegramBaseUrl: \"" + site.baseUrl() + "\"\n"
                    + "  requestsPerSecondPerHost: 200\n  maxPagesPerCrawl: 2\n  threads: 2\nrooms:\n");
            for (SimRoom room : rooms) {
                yaml.append("  - name: ").append(room.name()).append("\n    interval: 1s\n");
            }
            Files.writeString(config, yaml);
            String prefix = indices.prefix();
            for (int n = 1; n <= 3; n++) {
                processes.add(crawler(n, config, indices, prefix));
            }

            // Live rooms: new posts keep arriving while the crawlers work.
            Random random = new Random(8);
            Thread writer = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        SimRoom room = rooms.get(random.nextInt(ROOMS));
                        synchronized (room) {
                            long next = room.posts().get(room.posts().size() - 1).id() + 1;
                            room.add(SimPost.text(next, t0.plusSeconds(next), "가상중학교 새 글 " + next));
                        }
                        Thread.sleep(150);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "live-posts");
            writer.start();

            // Wait until every process has crawled and the first one is in the middle of fetching a page.
            String victim = agent(1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            String interruptedRoom = null;
            while (System.nanoTime() < deadline && interruptedRoom == null) {
                Set<String> agents = new HashSet<>();
                site.visits().forEach(v -> agents.add(v.agent()));
                if (agents.containsAll(Set.of(agent(1), agent(2), agent(3)))) {
                    interruptedRoom = site.visits().stream().filter(v -> v.open() && v.agent().equals(victim))
                            .map(TelegramSite.Visit::room).findFirst().orElse(null);
                }
                if (interruptedRoom == null) {
                    Thread.sleep(20);
                }
            }
            assertTrue(interruptedRoom != null, "all three crawlers fetched pages and the first was caught mid-fetch: " + logs());
            Process killed = processes.get(0);
            killed.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup, its Quartz row stays "checked in"
            killed.waitFor(30, TimeUnit.SECONDS);
            long killedAt = System.nanoTime();

            // A survivor fetches the room the dead process was crawling, within 30 seconds.
            long takenOver = -1;
            while (System.nanoTime() - killedAt < TimeUnit.SECONDS.toNanos(45) && takenOver < 0) {
                for (TelegramSite.Visit v : site.visits()) {
                    if (v.room().equals(interruptedRoom) && v.startNanos() > killedAt && !v.agent().equals(victim)) {
                        takenOver = v.startNanos() - killedAt;
                        break;
                    }
                }
                Thread.sleep(100);
            }
            assertTrue(takenOver >= 0, interruptedRoom + " was never crawled again after the kill: " + logs());
            System.out.printf("room %s taken over %.1f s after its crawler was killed%n", interruptedRoom, takenOver / 1e9);
            assertTrue(takenOver <= TimeUnit.SECONDS.toNanos(30), "taken over after " + takenOver / 1e9 + " s");

            // PostgreSQL itself restarts under the survivors: their pools and schedulers reconnect and go on.
            restartPostgres();
            long restartedAt = System.nanoTime();
            Set<String> afterRestart = new HashSet<>();
            while (System.nanoTime() - restartedAt < TimeUnit.SECONDS.toNanos(90) && afterRestart.size() < ROOMS) {
                site.visits().stream().filter(v -> v.startNanos() > restartedAt).forEach(v -> afterRestart.add(v.room()));
                Thread.sleep(200);
            }
            assertEquals(ROOMS, afterRestart.size(), "every room crawled again after PostgreSQL restarted: " + afterRestart + logs());
            writer.interrupt();
            writer.join();

            // Every post of every room in the index exactly once (ids are deterministic: a repeat cannot add a document).
            ElasticsearchClient client = indices.client();
            IndexNames names = indices.names();
            Map<String, Long> expected = new LinkedHashMap<>();
            rooms.forEach(r -> expected.put(r.name(), (long) r.posts().size()));
            Map<String, Long> indexed = new LinkedHashMap<>();
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                client.indices().refresh(r -> r.index(names.messages()));
                indexed.clear();
                for (SimRoom room : rooms) {
                    indexed.put(room.name(), client.count(c -> c.index(names.messages())
                            .query(q -> q.term(t -> t.field("room").value(room.name())))).count());
                }
                if (indexed.equals(expected)) {
                    break;
                }
                Thread.sleep(500);
            }
            assertEquals(expected, indexed, "every post once, per room: " + logs());
            long total = client.count(c -> c.index(names.messages())).count();
            assertEquals(expected.values().stream().mapToLong(Long::longValue).sum(), total, "no document outside the rooms' posts");

            // Never two processes on one room at once: no two visits of a room by different crawlers overlap.
            List<TelegramSite.Visit> visits = site.visits();
            for (int i = 0; i < visits.size(); i++) {
                TelegramSite.Visit a = visits.get(i);
                long aEnd = a.open() ? Long.MAX_VALUE : a.endNanos();
                for (int j = i + 1; j < visits.size() && visits.get(j).startNanos() < aEnd; j++) {
                    TelegramSite.Visit b = visits.get(j);
                    assertFalse(b.room().equals(a.room()) && !b.agent().equals(a.agent()) && !a.agent().equals(victim),
                            "room " + a.room() + " fetched by " + a.agent() + " and " + b.agent() + " at once");
                }
            }
            Set<String> survivorsRooms = new HashSet<>();
            visits.stream().filter(v -> v.startNanos() > killedAt).forEach(v -> survivorsRooms.add(v.room()));
            assertEquals(expected.keySet(), survivorsRooms, "every room kept being crawled after the kill");
            System.out.printf("%d page fetches by %d crawlers; %d posts indexed across %d rooms%n", visits.size(), 3, total, ROOMS);
        }
    }

    private static void restartPostgres() throws IOException, InterruptedException {
        String[] versions = new java.io.File("/etc/postgresql").list();
        assertTrue(versions != null && versions.length > 0, "the machine's PostgreSQL cluster is under /etc/postgresql");
        Process restart = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", versions[0], "main", "restart")
                .redirectErrorStream(true).start();
        String out = new String(restart.getInputStream().readAllBytes());
        assertTrue(restart.waitFor(60, TimeUnit.SECONDS) && restart.exitValue() == 0, "pg_ctlcluster restart: " + out);
    }

    private static String agent(int n) {
        return "roomwatch-test-crawler-" + n;
    }

    private Process crawler(int n, Path config, TestIndices indices, String prefix) throws IOException {
        return ServeProcess.start(null, dir.resolve("crawler-" + n + ".log"), Map.of(
                "ROOMWATCH_ELASTICSEARCH_URL", indices.url().toString(),
                "ROOMWATCH_ELASTICSEARCH_INDEXPREFIX", prefix,
                "ROOMWATCH_DATABASE_JDBCURL", SERVER + database,
                "ROOMWATCH_DATABASE_USER", "postgres",
                "ROOMWATCH_API_HOST", "127.0.0.1",
                "ROOMWATCH_API_PORT", "0",
                "ROOMWATCH_CRAWLER_USERAGENT", agent(n)), "--config", config.toString(), "--role", "crawler");
    }

    private String logs() {
        StringBuilder out = new StringBuilder();
        for (int n = 1; n <= 3; n++) {
            out.append("\n--- crawler ").append(n).append(" (last lines)").append(ServeProcess.tail(dir.resolve("crawler-" + n + ".log"), 15));
        }
        return out.toString();
    }
}
