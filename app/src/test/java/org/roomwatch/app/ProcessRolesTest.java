package org.roomwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.config.RoomwatchConfig;
import org.roomwatch.simulator.SimPost;
import org.roomwatch.simulator.SimRoom;
import org.roomwatch.simulator.TelegramSite;
import org.roomwatch.testkit.ElasticsearchExtension;
import org.roomwatch.testkit.TestNode;

/**
 * One process per role, as a deployment splits them: a crawler serves only health, readiness and metrics and
 * crawls; an API process schedules into the shared job store without crawling. Readiness names what is down.
 */
@ExtendWith(ElasticsearchExtension.class)
class ProcessRolesTest {
    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void roleWordsAreCheckedWithAClearError() {
        assertEquals(Set.of(ProcessRole.CRAWLER, ProcessRole.ALERTS), ProcessRole.parse(" crawler, ALERTS "));
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> ProcessRole.parse("crawler,indexer"));
        assertTrue(wrong.getMessage().contains("unknown role 'indexer'"), wrong.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> ProcessRole.parse(" , "));
        assertTrue(empty.getMessage().contains("no role given"), empty.getMessage());
        CommandRun run = CommandRun.of("serve", "--role", "cralwer");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("unknown role 'cralwer'"), run.err());
    }

    @Test
    void aCrawlerProcessCrawlsAndServesOnlyHealthReadinessAndMetrics(TestNode node) throws Exception {
        try (TelegramSite site = TelegramSite.start()) {
            SimRoom room = new SimRoom("role_room_a", "역할 방", "설명", false, 50, true);
            for (long id = 1; id <= 30; id++) {
                room.add(SimPost.text(id, Instant.parse("2026-05-01T00:00:00Z").plusSeconds(id * 60), "한빛여고 글 " + id));
            }
            site.add(room);
            RoomwatchConfig config = config(node, site, "rooms:\n  - name: role_room_a\n    interval: 1s\n");
            try (Roomwatch crawler = Roomwatch.start(config, Set.of(ProcessRole.CRAWLER))) {
                int port = crawler.apiPort();
                assertEquals(200, status(port, "/api/health"));
                JsonNode ready = null;
                for (int i = 0; i < 100 && (ready == null || !"ready".equals(ready.path("status").asText())); i++) {
                    ready = json.readTree(body(port, "/api/ready"));
                    Thread.sleep(100);
                }
                assertEquals("ready", ready.path("status").asText(), ready.toString());
                assertEquals(Map.of("elasticsearch", "up", "database", "up", "disk", "up", "scheduler", "up"),
                        json.convertValue(ready.path("checks"), Map.class));
                // OCR's state is reported as facts, never as a check that could make a crawler unready.
                JsonNode ocr = ready.path("details").path("ocr");
                assertTrue(ocr.has("backlog") && ocr.path("queue").asInt() == 1000 || ocr.path("state").asText().equals("off"), ready.toString());
                String metrics = "";
                for (int i = 0; i < 200 && !metrics.contains("roomwatch_crawled_messages_total{source=\"public\"} 30.0"); i++) {
                    Thread.sleep(100);
                    metrics = body(port, "/metrics");
                }
                assertTrue(metrics.contains("roomwatch_crawled_messages_total{source=\"public\"} 30.0"), metrics);
                assertTrue(metrics.contains("roomwatch_crawls_total{outcome=\"ok\",source=\"public\"}"), metrics);
                assertTrue(metrics.contains("roomwatch_bulk_latency_seconds_count{outcome=\"ok\"}"), metrics);
                assertTrue(metrics.contains("roomwatch_bulk_in_flight "), metrics);
                assertFalse(metrics.contains("role_room_a"), "no room name in a metric label");
                // Nothing for investigators here: no search, no pages, no login.
                assertEquals(404, status(port, "/api/messages?q=x"));
                assertEquals(404, status(port, "/login"));
            }
        }
    }

    @Test
    void anApiProcessSchedulesRoomsButCrawlsNoneAndIsReadyWithoutAScheduler(TestNode node) throws Exception {
        try (TelegramSite site = TelegramSite.start()) {
            site.add(new SimRoom("role_room_b", "방", "설명", false, 5, true));
            RoomwatchConfig config = config(node, site, "rooms:\n  - name: role_room_b\n    interval: 1s\n");
            try (Roomwatch api = Roomwatch.start(config, Set.of(ProcessRole.API))) {
                int port = api.apiPort();
                JsonNode ready = json.readTree(body(port, "/api/ready"));
                assertEquals(Map.of("elasticsearch", "up", "database", "up", "disk", "up"), json.convertValue(ready.path("checks"), Map.class));
                assertTrue(api.watcher().watched().stream().anyMatch(r -> r.name().equals("role_room_b")));
                assertEquals(401, status(port, "/api/messages?q=x"), "the API is here, behind its login");
                assertEquals(0, site.hits("/s/role_room_b"), "an API process crawls nothing itself");
            }
        }
    }

    @Test
    void readinessNamesTheDependencyThatIsDown(TestNode node) throws Exception {
        try (TelegramSite site = TelegramSite.start()) {
            RoomwatchConfig config = config(node, site, "");
            try (Roomwatch crawler = Roomwatch.start(config, Set.of(ProcessRole.CRAWLER))) {
                int port = crawler.apiPort();
                assertEquals(200, status(port, "/api/ready"));
                crawler.closeSchedulerForTest();
                HttpResponse<String> notReady = get(port, "/api/ready");
                assertEquals(503, notReady.statusCode());
                JsonNode body = json.readTree(notReady.body());
                assertEquals("down", body.path("checks").path("scheduler").asText(), body.toString());
                assertEquals("up", body.path("checks").path("database").asText(), body.toString());
                assertEquals(200, status(port, "/api/health"), "alive all the same: restarting would not help");
            }
        }
    }

    private RoomwatchConfig config(TestNode node, TelegramSite site, String extra) throws Exception {
        Path file = dir.resolve("roomwatch.yml");
        Files.writeString(file, "crawler:\n  telegramBaseUrl: \"" + site.baseUrl() + "\"\n  requestsPerSecondPerHost: 50\n" + extra);
        return new ConfigLoader().load(file, Map.of(
                "ROOMWATCH_ELASTICSEARCH_URL", node.url().toString(),
                "ROOMWATCH_ELASTICSEARCH_INDEXPREFIX", node.indexPrefix() + "roles-",
                "ROOMWATCH_DATABASE_JDBCURL", "jdbc:h2:file:" + dir.resolve("db"),
                "ROOMWATCH_API_PORT", "0"));
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private int status(int port, String path) throws Exception {
        return get(port, path).statusCode();
    }

    private String body(int port, String path) throws Exception {
        return get(port, path).body();
    }
}
