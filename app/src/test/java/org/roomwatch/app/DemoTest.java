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

    private String token;

    private JsonNode get(int port, String path) throws Exception {
        return json.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void demoRoomsAreSearchableInKoreanWithinAMinute(TestNode node) throws Exception {
        RoomwatchConfig base = new ConfigLoader().load(null, Map.of(
                "ROOMWATCH_ELASTICSEARCH_URL", node.url().toString(),
                "ROOMWATCH_ELASTICSEARCH_INDEXPREFIX", node.indexPrefix()));
        long start = System.nanoTime();
        try (Demo demo = Demo.start(base, 0, Duration.ofSeconds(5))) {
            int port = demo.app().apiPort();
            token = demo.adminToken();
            assertEquals(401, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/messages")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode(), "nothing without logging in");
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

            // A photo some public room posted is found by searching with the picture itself.
            var room = demo.site().rooms().stream().filter(r -> r.preview() && r.posts().stream().anyMatch(p -> p.photos() > 0))
                    .findFirst().orElseThrow();
            var post = room.posts().stream().filter(p -> p.photos() > 0).findFirst().orElseThrow();
            byte[] photo = http.send(HttpRequest.newBuilder(URI.create(demo.site().baseUrl() + "/img/" + room.name() + "/"
                    + post.id() + "-0.png")).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
            JsonNode found = null;
            while (System.nanoTime() - start < Duration.ofSeconds(90).toNanos()) {
                found = json.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/images/search"))
                        .header("content-type", "image/png").header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofByteArray(photo)).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                if (found.path("total").asInt() > 0) {
                    break;
                }
                Thread.sleep(500);
            }
            assertTrue(found.path("total").asInt() > 0, "the demo's photos are hashed and searchable: " + found);
            assertEquals(0, found.path("matches").get(0).path("distance").asInt(), "the very same picture");

            // The rooms without a preview are read through the demo's (simulated) undercover account, to the last message.
            int hiddenPosts = demo.site().room("hidden_room_a").posts().size();
            JsonNode throughAccount = null;
            while (System.nanoTime() - start < Duration.ofSeconds(120).toNanos()) {
                throughAccount = get(port, "/api/messages?room=hidden_room_a&size=1");
                if (throughAccount.path("total").asInt() >= hiddenPosts) {
                    break;
                }
                Thread.sleep(500);
            }
            assertTrue(throughAccount.path("total").asInt() >= hiddenPosts, "hidden_room_a read through the account: " + throughAccount);
            assertEquals("account:demo-undercover", throughAccount.path("hits").get(0).path("source").path("seen_through").asText());
            assertEquals("AUTHORIZED", get(port, "/api/accounts").path("accounts").get(0).path("state").asText());

            // Rooms get a signal score with reasons, and schools are searchable by their short names.
            // Each crawl rewrites the room's document and then recomputes its signals, so a read can fall between the two.
            JsonNode signals = get(port, "/api/rooms/dalbit_notice").path("room").path("source").path("signals");
            long signalsSince = System.nanoTime();
            while (signals.path("score").asInt() == 0 && System.nanoTime() - signalsSince < Duration.ofSeconds(30).toNanos()) {
                Thread.sleep(200);
                signals = get(port, "/api/rooms/dalbit_notice").path("room").path("source").path("signals");
            }
            assertTrue(signals.path("score").asInt() > 0, "signals on the room: " + signals);
            assertTrue(signals.path("reasons").get(0).asText().contains("지인능욕"), signals.toString());
            JsonNode school = get(port, "/api/schools?q=" + URLEncoder.encode("달빛여중", StandardCharsets.UTF_8)).path("schools").get(0);
            assertEquals("달빛여자중학교", school.path("name").asText());
            assertTrue(school.path("rooms").asInt() >= 1, school.toString());

            // The demo's watchlist raised alerts at ingest, and their mail went over SMTP to the sink.
            JsonNode mails = null;
            while (System.nanoTime() - start < Duration.ofSeconds(120).toNanos()) {
                mails = get(port, "/api/demo/mail");
                if (mails.size() > 0) {
                    break;
                }
                Thread.sleep(500);
            }
            assertTrue(mails.size() > 0, "alert mail reached the sink: " + mails);
            assertEquals("[roomwatch] 1 new alert (high priority)", mails.get(0).path("subject").asText());
            String text = mails.get(0).path("text").asText();
            assertTrue(text.contains("/alerts?state=new&watchlist="), text);
            assertTrue(!text.contains("한빛") && !text.contains("데모"), "no list name or room title in mail: " + text);
            assertTrue(!text.contains("010-"), "no phone number in mail: " + text);
            assertTrue(get(port, "/api/alerts").path("total").asInt() > 0);
            // Every look was audited, and the chain verifies.
            JsonNode audited = get(port, "/api/audit?actor=demo-admin&action=messages&limit=3").path("entries");
            assertTrue(audited.size() > 0 && audited.get(0).path("results").isInt(), audited.toString());
            assertTrue(get(port, "/api/audit/verify").path("ok").asBoolean(), "the audit chain verifies");
            // Not a timed assertion: the latency from alert (mail queued) to the SMTP server's acceptance is printed.
            for (JsonNode sent : get(port, "/api/alerts/mail?status=sent").path("mails")) {
                long millis = java.time.Duration.between(java.time.Instant.parse(sent.path("createdAt").asText()),
                        java.time.Instant.parse(sent.path("sentAt").asText())).toMillis();
                System.out.println("demo alert mail: queued to accepted by SMTP in " + millis + " ms");
            }
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
