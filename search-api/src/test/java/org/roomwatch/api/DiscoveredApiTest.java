package org.roomwatch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcDiscoveredRooms;
import org.roomwatch.core.search.SearchService;
import org.roomwatch.testkit.ControlPlaneExtension;
import org.roomwatch.testkit.InMemoryWatcher;

/** The triage routes over real HTTP and a real H2 database; no index is touched by them. */
@ExtendWith(ControlPlaneExtension.class)
class DiscoveredApiTest {
    private static final Instant T0 = Instant.parse("2026-08-01T00:00:00Z");
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final InMemoryWatcher watcher = new InMemoryWatcher();
    private ControlPlaneDatabase db;
    private ApiServer server;
    private String base;

    @BeforeEach
    void start(ControlPlaneDatabase database) throws Exception {
        db = database;
        JdbcDiscoveredRooms rooms = new JdbcDiscoveredRooms(db.dataSource());
        rooms.record("telegram:other_room", "telegram", false, "other_room", "telegram:a:1", "https://t.me/other_room", T0);
        rooms.record("telegram:+SimSecretInvite01", "telegram", true, "+SimSecretInvite01", "telegram:a:2", "https://t.me/+SimSecretInvite01", T0);
        SearchService unused = null;
        server = new ApiServer(unused, watcher, () -> true).withDiscovered(rooms).withoutSecurityForRouteTests().start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("content-type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String id(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    @Test
    void listWatchAndDismissWithWhoDecided() throws Exception {
        JsonNode pending = json.readTree(send("GET", "/api/discovered", null).body()).get("rooms");
        assertEquals(2, pending.size());
        HttpResponse<String> watch = send("POST", "/api/discovered/" + id("telegram:other_room") + "/watch", "{\"by\": \"분석관 김\", \"interval\": \"5m\"}");
        assertEquals(200, watch.statusCode(), watch.body());
        assertEquals("watching", json.readTree(watch.body()).get("status").asText());
        assertEquals("분석관 김", json.readTree(watch.body()).get("decidedBy").asText());
        assertEquals("other_room", watcher.watched().get(0).name());

        HttpResponse<String> invite = send("POST", "/api/discovered/" + id("telegram:+SimSecretInvite01") + "/watch", "{\"by\": \"x\"}");
        assertEquals(409, invite.statusCode());
        assertTrue(invite.body().contains("authorized account"), invite.body());
        assertEquals(400, send("POST", "/api/discovered/" + id("telegram:+SimSecretInvite01") + "/dismiss", "{}").statusCode());
        // An unencoded '+' arrives as a space and still finds the room.
        HttpResponse<String> dismissed = send("POST", "/api/discovered/telegram:+SimSecretInvite01/dismiss", "{\"by\": \"분석관 김\"}");
        assertEquals(200, dismissed.statusCode(), dismissed.body());
        assertEquals("dismissed", json.readTree(dismissed.body()).get("status").asText());

        assertEquals(0, json.readTree(send("GET", "/api/discovered", null).body()).get("rooms").size());
        assertEquals(2, json.readTree(send("GET", "/api/discovered?status=all", null).body()).get("rooms").size());
        assertEquals(400, send("GET", "/api/discovered?status=maybe", null).statusCode());
        assertEquals(404, send("POST", "/api/discovered/" + id("telegram:nope") + "/dismiss", "{\"by\": \"x\"}").statusCode());
        assertEquals(400, send("POST", "/api/discovered/" + id("telegram:other_room") + "/watch", "{\"by\": \"x\", \"interval\": \"soon\"}").statusCode());
    }
}
