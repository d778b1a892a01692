package org.roomwatch.api;

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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomwatch.core.InviteStatus;
import org.roomwatch.core.Message;
import org.roomwatch.core.Room;
import org.roomwatch.core.RoomKind;
import org.roomwatch.core.RoomWatcher;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.indexer.BulkMessageWriter;
import org.roomwatch.indexer.ElasticsearchSearchService;
import org.roomwatch.indexer.IndexNames;
import org.roomwatch.indexer.MessageEnricher;
import org.roomwatch.indexer.testing.IndicesExtension;
import org.roomwatch.indexer.testing.TestIndices;
import org.roomwatch.testkit.InMemoryWatcher;

/** Real HTTP on loopback, a real index behind it. */
@ExtendWith(IndicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiServerTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private ApiServer server;
    private String base;

    @BeforeAll
    void start(TestIndices indices) throws Exception {
        ElasticsearchClient client = indices.client();
        IndexNames names = indices.names();
        try (BulkMessageWriter writer = new BulkMessageWriter(client, names, new MessageEnricher(), new ConfigLoader().defaults().elasticsearch())) {
            writer.writeRoom(new Room("telegram", "jiin_room_01", "지인능욕방 1호", "겹지인 인증 후 입장", RoomKind.GROUP, 450L, null, null,
                    null, null, null, true, InviteStatus.NOT_AN_INVITE, T0, "http://sim/s/jiin_room_01", "aa".repeat(32)));
            List<Message> messages = new ArrayList<>();
            for (int i = 1; i <= 30; i++) {
                messages.add(new Message("telegram", "jiin_room_01", i, "http://sim/jiin_room_01/" + i, T0.plus(Duration.ofHours(i)), null,
                        i == 7 ? "서울중학교 애들 지인능욕 사진" : "잡담 " + i, List.of(), null, null, 10L, false, false, List.of(),
                        T0, "http://sim/s/jiin_room_01", "bb".repeat(32)));
            }
            writer.writeMessages(messages);
        }
        client.indices().refresh(r -> r.index(names.prefix() + "*"));
        RoomWatcher watcher = new InMemoryWatcher();
        server = new ApiServer(new ElasticsearchSearchService(client, names), watcher, () -> true).withoutSecurityForRouteTests().start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("content-type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void messageSearchInKoreanWithHighlight() throws Exception {
        HttpResponse<String> response = get("/api/messages?q=" + q("중학교"));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode page = json.readTree(response.body());
        assertEquals(1, page.get("total").asInt());
        assertEquals("telegram:jiin_room_01:7", page.get("hits").get(0).get("id").asText());
        assertTrue(page.get("hits").get(0).get("highlights").get(0).asText().contains("<mark>"));
    }

    @Test
    void aMistakeInTheSearchSyntaxAnswers400WithWhere() throws Exception {
        HttpResponse<String> r = get("/api/messages?q=" + q("중학교 \"지인"));
        assertEquals(400, r.statusCode(), r.body());
        JsonNode problem = json.readTree(r.body());
        assertEquals("q", problem.get("parameter").asText(), r.body());
        assertTrue(problem.get("detail").asText().contains("never closed (at character 5)"), r.body());
        assertEquals(1, json.readTree(get("/api/messages?q=" + q("중학교 OR 없는말")).body()).get("total").asInt());
    }

    @Test
    void pagingSortingAndDateFilters() throws Exception {
        JsonNode page = json.readTree(get("/api/messages?room=jiin_room_01&sort=oldest&size=5&page=2").body());
        assertEquals(30, page.get("total").asInt());
        assertEquals(6, page.get("hits").get(0).get("source").get("message_id").asInt());
        JsonNode day = json.readTree(get("/api/messages?from=2026-03-01&to=2026-03-01").body());
        assertEquals(14, day.get("total").asInt(), "01:00Z..14:00Z fall on 1 March in Korea; 15:00Z is already 2 March there");
    }

    @Test
    void badParametersAnswerProblemDocumentsNamingTheParameter() throws Exception {
        for (String[] c : new String[][] {
                {"/api/messages?size=500", "size"}, {"/api/messages?page=0", "page"}, {"/api/messages?size=abc", "size"},
                {"/api/messages?from=yesterday", "from"}, {"/api/messages?sort=random", "sort"}, {"/api/messages?hasMedia=maybe", "hasMedia"},
                {"/api/messages?colour=red", "colour"}, {"/api/rooms?minMembers=ten", "minMembers"},
                {"/api/rooms/jiin_room_01?latest=0", "latest"}}) {
            HttpResponse<String> response = get(c[0]);
            assertEquals(400, response.statusCode(), c[0]);
            assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/problem+json"), c[0]);
            JsonNode problem = json.readTree(response.body());
            assertEquals("https://roomwatch.org/problems/invalid-parameter", problem.get("type").asText());
            assertEquals(c[1], problem.get("parameter").asText(), c[0] + " -> " + response.body());
        }
    }

    @Test
    void whatAScriptAtScaleGetsWrongIsA400NamingTheParameterOrABoundedAnswer() throws Exception {
        String manyWords = String.join(" ", java.util.Collections.nCopies(250, "가")); // 250 words in 499 characters
        String manySchools = String.join(",", java.util.Collections.nCopies(10_000, "9900001"));
        String someSchools = String.join(",", java.util.Collections.nCopies(20, "9900001"));
        String hundredsOfSchools = String.join(",", java.util.Collections.nCopies(500, "9900001"));
        for (String[] c : new String[][] {
                {"/api/messages?q=" + q(manyWords), "q", "at most 32 words"},
                {"/api/messages?q=" + q("능욕 ".repeat(200)), "q", "longer than 500 characters"},
                {"/api/messages?school=" + someSchools, "school", "one school's code (search one school at a time, or by region or level); got a list of 20"},
                {"/api/messages?school=" + hundredsOfSchools, "school", "longer than 500 characters"},
                {"/api/messages?school=" + q("한빛여고"), "school", "a school's code"},
                {"/api/messages?from=2026-03-10&to=2026-03-01", "from", "from is after to"},
                {"/api/messages?page=1000000", "page", "cursor"}}) {
            HttpResponse<String> response = get(c[0]);
            assertEquals(400, response.statusCode(), c[0].substring(0, Math.min(80, c[0].length())) + " -> " + response.body());
            JsonNode problem = json.readTree(response.body());
            assertEquals(c[1], problem.get("parameter").asText(), response.body());
            assertTrue(problem.get("detail").asText().contains(c[2]), response.body());
        }
        // Ten thousand school codes do not even fit in a request line: the server refuses the request before any
        // search is built (414), and goes on answering.
        HttpResponse<String> tooLong = get("/api/messages?school=" + manySchools);
        assertEquals(414, tooLong.statusCode(), tooLong.body());
        assertEquals(200, get("/api/messages?q=" + q("중학교")).statusCode());
    }

    @Test
    void roomSearchAndRoomPage() throws Exception {
        JsonNode rooms = json.readTree(get("/api/rooms?q=" + q("능욕") + "&minMembers=100").body());
        assertEquals(1, rooms.get("total").asInt());
        JsonNode room = json.readTree(get("/api/rooms/jiin_room_01?latest=3").body());
        assertEquals("지인능욕방 1호", room.get("room").get("source").get("title").asText());
        assertEquals(3, room.get("latest").get("hits").size());
        assertEquals(30, room.get("latest").get("hits").get(0).get("source").get("message_id").asInt());
        HttpResponse<String> missing = get("/api/rooms/nobody_here");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("not-found"));
    }

    @Test
    void watchedRoomsCanBeAddedListedAndRemoved() throws Exception {
        assertEquals(201, send("POST", "/api/rooms/watched", "{\"name\":\"new_room_1\",\"interval\":\"5m\"}").statusCode());
        assertEquals(200, send("POST", "/api/rooms/watched", "{\"name\":\"new_room_1\",\"interval\":\"6m\"}").statusCode());
        assertTrue(get("/api/rooms/watched").body().contains("\"interval\":\"6m\""));
        HttpResponse<String> bad = send("POST", "/api/rooms/watched", "{\"name\":\"../etc\"}");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("not a public room name"), bad.body());
        assertEquals(400, send("POST", "/api/rooms/watched", "{\"name\":\"ok_room\",\"interval\":\"soon\"}").statusCode());
        assertEquals(400, send("POST", "/api/rooms/watched", "not json").statusCode());
        assertEquals(400, send("POST", "/api/rooms/watched", "{\"name\":\"ok_room\",\"colour\":\"red\"}").statusCode());
        assertEquals(204, send("DELETE", "/api/rooms/watched/new_room_1", null).statusCode());
        assertEquals(404, send("DELETE", "/api/rooms/watched/new_room_1", null).statusCode());
    }

    @Test
    void healthAndOpenApiAreServed() throws Exception {
        assertEquals(200, get("/api/health").statusCode());
        JsonNode openapi = json.readTree(get("/api/openapi.json").body());
        assertEquals("3.1.0", openapi.get("openapi").asText());
        assertTrue(openapi.get("paths").has("/api/messages"));
        assertEquals(404, get("/api/nothing").statusCode());
    }
}
