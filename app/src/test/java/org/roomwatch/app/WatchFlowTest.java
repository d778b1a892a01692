package org.roomwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomwatch.api.ApiServer;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcHashSets;
import org.roomwatch.controlplane.JdbcSchoolRegistry;
import org.roomwatch.controlplane.JdbcWatchlists;
import org.roomwatch.core.InMemoryRoomRegistry;
import org.roomwatch.core.Message;
import org.roomwatch.core.RoomWatcher;
import org.roomwatch.core.WatchedRoom;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.ingest.BatchStep;
import org.roomwatch.indexer.AlertStore;
import org.roomwatch.indexer.BulkMessageWriter;
import org.roomwatch.indexer.ElasticsearchSearchService;
import org.roomwatch.indexer.IndexNames;
import org.roomwatch.indexer.Ingest;
import org.roomwatch.indexer.LiveWatch;
import org.roomwatch.indexer.MessageEnricher;
import org.roomwatch.indexer.RetroScans;
import org.roomwatch.indexer.testing.IndicesExtension;
import org.roomwatch.indexer.testing.TestIndices;
import org.roomwatch.media.DecodeLimits;
import org.roomwatch.media.ImageHasher;
import org.roomwatch.tagging.Tagging;
import org.roomwatch.testkit.ControlPlaneExtension;

/**
 * A watchlist made over HTTP, messages indexed through the real writer, alerts raised at ingest into the real index,
 * then worked through their states over HTTP.
 */
@ExtendWith({IndicesExtension.class, ControlPlaneExtension.class})
class WatchFlowTest {
    private static final Instant T0 = Instant.parse("2026-09-01T00:00:00Z");
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private JsonNode send(String base, String method, String path, String body, int expected) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("content-type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, response.statusCode(), method + " " + path + ": " + response.body());
        return response.body().isEmpty() ? null : json.readTree(response.body());
    }

    private static Message message(String room, long id, String text) {
        return new Message("telegram", room, id, "http://sim/" + room + "/" + id, T0.plusSeconds(id), null, text, List.of(), null,
                null, 1L, false, false, List.of(), T0, "http://sim/s/" + room, "aa".repeat(32));
    }

    @Test
    void rulesMatchAtIngestOnceAndAlertsMoveThroughTheirStates(TestIndices indices, ControlPlaneDatabase db) throws Exception {
        new JdbcSchoolRegistry(db.dataSource()).importAll(SchoolsCommand.sample());
        Tagging tagging = new Tagging(SchoolsCommand.sample(), List.of());
        ElasticsearchClient client = indices.client();
        IndexNames names = indices.names();
        JdbcWatchlists watchlists = new JdbcWatchlists(db.dataSource());
        AlertStore alerts = new AlertStore(client, names, Clock.systemUTC());
        RetroScans retro = new RetroScans(client, names, alerts, new JdbcHashSets(db.dataSource()), Clock.systemUTC());
        InMemoryRoomRegistry rooms = new InMemoryRoomRegistry();
        RoomWatcher watcher = new RoomWatcher() {
            public List<WatchedRoom> watched() { return rooms.list(); }
            public boolean watch(WatchedRoom room) { return rooms.put(room); }
            public boolean unwatch(String name) { return rooms.remove(name); }
        };
        try (ApiServer api = new ApiServer(new ElasticsearchSearchService(client, names), watcher, () -> true)
                .withWatchlists(watchlists, alerts, retro, new ImageHasher(DecodeLimits.DEFAULT)).withoutSecurityForRouteTests().start("127.0.0.1", 0);
             BulkMessageWriter writer = new BulkMessageWriter(client, names, new MessageEnricher(() -> tagging),
                     new ConfigLoader().defaults().elasticsearch())) {
            String base = "http://127.0.0.1:" + api.port();
            LiveWatch watch = new LiveWatch(watchlists, new JdbcHashSets(db.dataSource()), alerts, notice -> { });
            Ingest ingest = new Ingest(BatchStep.NONE, writer, watch, null);
            JsonNode list = send(base, "POST", "/api/watchlists",
                    "{\"name\": \"사건 17\", \"owner\": \"kim\", \"priority\": \"high\", \"members\": [\"kim@example.org\"], \"by\": \"kim\"}", 201);
            String id = list.get("id").asText();
            send(base, "POST", "/api/watchlists/" + id + "/rules", "{\"kind\": \"term\", \"value\": \"지인능욕\", \"by\": \"kim\"}", 201);
            send(base, "POST", "/api/watchlists/" + id + "/rules", "{\"kind\": \"school\", \"value\": \"9900001\", \"by\": \"kim\"}", 201);
            JsonNode bad = send(base, "POST", "/api/watchlists/" + id + "/rules", "{\"kind\": \"term\", \"value\": \"능\", \"by\": \"kim\"}", 400);
            assertTrue(bad.get("detail").asText().contains("at least 2 characters"));
            send(base, "POST", "/api/watchlists/" + id + "/rules", "{\"kind\": \"regex\", \"value\": \"x\", \"by\": \"kim\"}", 400);
            watch.refresh();

            List<Message> batch = List.of(message("room_a", 1, "한빛여고 지인 능욕방 새로 팜"), message("room_a", 2, "잡담"),
                    message("room_b", 1, "한빛 여고 애들"));
            ingest.store(null, batch);
            ingest.store(null, batch); // the same crawl again: no second alert
            client.indices().refresh(r -> r.index(names.alerts()));

            JsonNode found = send(base, "GET", "/api/alerts?state=new", null, 200);
            assertEquals(2, found.get("total").asInt(), found.toString());
            JsonNode first = null;
            for (JsonNode hit : found.get("hits")) {
                if (hit.get("id").asText().endsWith("room_a:1")) {
                    first = hit;
                }
            }
            assertEquals(2, first.get("source").get("rules").size(), "one alert per list and message, with every rule that hit");
            assertEquals("high", first.get("source").get("priority").asText());
            String alertId = URLEncoder.encode(first.get("id").asText(), StandardCharsets.UTF_8);

            JsonNode seen = send(base, "POST", "/api/alerts/" + alertId + "/state", "{\"state\": \"seen\", \"by\": \"lee\"}", 200);
            assertEquals("lee", seen.get("state_by").asText());
            send(base, "POST", "/api/alerts/" + alertId + "/state", "{\"state\": \"actioned\", \"by\": \"lee\"}", 200);
            JsonNode back = send(base, "POST", "/api/alerts/" + alertId + "/state", "{\"state\": \"seen\", \"by\": \"lee\"}", 409);
            assertTrue(back.get("detail").asText().contains("actioned cannot become seen"));
            send(base, "POST", "/api/alerts/" + alertId + "/state", "{\"state\": \"done\", \"by\": \"lee\"}", 400);
            send(base, "POST", "/api/alerts/" + alertId + "/state", "{\"state\": \"seen\"}", 400);
            send(base, "POST", "/api/alerts/nope/state", "{\"state\": \"seen\", \"by\": \"lee\"}", 404);
            send(base, "GET", "/api/alerts?state=maybe", null, 400);
            client.indices().refresh(r -> r.index(names.alerts()));
            assertEquals(1, send(base, "GET", "/api/alerts?state=actioned", null, 200).get("total").asInt());

            // A list made afterwards finds what is already indexed, in the background, with progress.
            JsonNode later = send(base, "POST", "/api/watchlists", "{\"name\": \"나중\", \"owner\": \"lee\", \"by\": \"lee\"}", 201);
            String laterId = later.get("id").asText();
            send(base, "POST", "/api/watchlists/" + laterId + "/rules", "{\"kind\": \"room\", \"value\": \"room_b\", \"by\": \"lee\"}", 201);
            client.indices().refresh(r -> r.index(names.messages()));
            send(base, "POST", "/api/watchlists/" + laterId + "/retro", "{}", 400);
            send(base, "POST", "/api/watchlists/" + laterId + "/retro", "{\"by\": \"lee\"}", 202);
            JsonNode progress = null;
            for (int i = 0; i < 100; i++) {
                progress = send(base, "GET", "/api/watchlists/" + laterId + "/retro", null, 200);
                if (progress.get("state").asText().equals("done")) {
                    break;
                }
                Thread.sleep(100);
            }
            assertEquals("done", progress.get("state").asText(), progress.toString());
            assertEquals(3, progress.get("scanned").asInt());
            assertEquals(1, progress.get("alerts").asInt());
            send(base, "POST", "/api/watchlists/" + laterId + "/retro", "{\"by\": \"lee\"}", 202);
            for (int i = 0; i < 100 && !send(base, "GET", "/api/watchlists/" + laterId + "/retro", null, 200).get("state").asText().equals("done"); i++) {
                Thread.sleep(100);
            }
            assertEquals(0, send(base, "GET", "/api/watchlists/" + laterId + "/retro", null, 200).get("alerts").asInt(), "a second run alerts nothing twice");

            // A victim's photo becomes an image rule: hashed in memory, only its PDQ kept.
            java.awt.image.BufferedImage photo = new java.awt.image.BufferedImage(120, 90, java.awt.image.BufferedImage.TYPE_INT_RGB);
            var g = photo.createGraphics();
            g.setPaint(new java.awt.GradientPaint(0, 0, java.awt.Color.RED, 120, 90, java.awt.Color.BLUE));
            g.fillRect(0, 0, 120, 90);
            g.dispose();
            java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(photo, "png", png);
            HttpResponse<String> imageRule = http.send(HttpRequest.newBuilder(URI.create(base + "/api/watchlists/" + id + "/rules/image?by=kim&maxDistance=20"))
                    .header("content-type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(png.toByteArray())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, imageRule.statusCode(), imageRule.body());
            assertEquals(64, json.readTree(imageRule.body()).get("value").asText().length());
            assertEquals(20, json.readTree(imageRule.body()).get("threshold").asInt());
            HttpResponse<String> notImage = http.send(HttpRequest.newBuilder(URI.create(base + "/api/watchlists/" + id + "/rules/image?by=kim"))
                    .header("content-type", "image/png").POST(HttpRequest.BodyPublishers.ofString("<html>")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, notImage.statusCode());

            JsonNode audit = send(base, "GET", "/api/watchlists/" + id + "/audit", null, 200).get("audit");
            assertEquals(4, audit.size(), "create, two rules and the image rule; the refused ones left nothing");
        }
    }
}
