package org.roomwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.config.RoomwatchConfig;
import org.roomwatch.simulator.SyntheticRooms;
import org.roomwatch.simulator.TelegramSite;
import org.roomwatch.testkit.ElasticsearchExtension;
import org.roomwatch.testkit.TestNode;

@ExtendWith(ElasticsearchExtension.class)
class DemoTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private JsonNode get(int port, String path) throws Exception {
        return json.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void demoRoomsAreSearchableInKoreanWithinAMinute(TestNode node) throws Exception {
        RoomwatchConfig base = new ConfigLoader().load(null, Map.of(
                "ROOMWATCH_ELASTICSEARCH_URL", node.url().toString(),
                "ROOMWATCH_ELASTICSEARCH_INDEXPREFIX", node.indexPrefix()));
        long start = System.nanoTime();
        try (Demo demo = Demo.start(base, 0, Duration.ofSeconds(5))) {
            int port = demo.app().apiPort();
            String q = URLEncoder.encode("중학교", StandardCharsets.UTF_8);
            JsonNode hits = null;
            while (System.nanoTime() - start < Duration.ofSeconds(60).toNanos()) {
                hits = get(port, "/api/messages?q=" + q);
                if (hits.path("total").asInt() > 0 && get(port, "/api/rooms/hidden_room_a").has("room")) {
                    break;
                }
                Thread.sleep(500);
            }
            assertTrue(hits.path("total").asInt() > 0, "중학교 found within a minute: " + hits);
            JsonNode hidden = get(port, "/api/rooms/hidden_room_a");
            assertEquals(false, hidden.path("room").path("source").path("has_preview").asBoolean(true));
            assertEquals(12, get(port, "/api/rooms/watched").path("rooms").size());
        }
    }

    @Test
    void peekPrintsHeaderAndEveryPostAsJsonLines() throws Exception {
        try (TelegramSite site = TelegramSite.start()) {
            SyntheticRooms.populate(site, 1L, java.time.Instant.parse("2026-06-01T00:00:00Z"));
            int posts = site.room("saesol_room").posts().size();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream old = System.out;
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int code;
            try {
                code = Main.commandLine().execute("peek", "--base-url", site.baseUrl(), "saesol_room");
            } finally {
                System.setOut(old);
            }
            assertEquals(0, code);
            String[] lines = out.toString(StandardCharsets.UTF_8).trim().split("\n");
            assertEquals(posts + 1, lines.length);
            assertEquals("room", json.readTree(lines[0]).get("type").asText());
            JsonNode first = json.readTree(lines[1]);
            assertEquals(1, first.get("id").asInt());
            assertTrue(first.has("permalink") && first.has("views") && first.has("media"));
        }
    }

    @Test
    void peekRefusesAPathAsRoomName() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var cli = Main.commandLine();
        cli.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        assertEquals(2, cli.execute("peek", "--base-url", "http://127.0.0.1:9", "../etc/passwd"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("not a public room name"), err.toString(StandardCharsets.UTF_8));
    }
}
