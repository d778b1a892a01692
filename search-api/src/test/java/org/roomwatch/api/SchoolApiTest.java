package org.roomwatch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import org.roomwatch.core.people.WatchedPerson;
import org.roomwatch.indexer.BulkMessageWriter;
import org.roomwatch.indexer.ElasticsearchSearchService;
import org.roomwatch.indexer.IndexNames;
import org.roomwatch.indexer.MessageEnricher;
import org.roomwatch.indexer.testing.IndicesExtension;
import org.roomwatch.indexer.testing.TestIndices;
import org.roomwatch.tagging.NeisSchoolCsv;
import org.roomwatch.tagging.Tagging;
import org.roomwatch.testkit.InMemoryWatcher;

/** Schools and mentions over real HTTP, messages enriched with the synthetic registry into a real index. */
@ExtendWith(IndicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchoolApiTest {
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private ApiServer server;
    private String base;

    private static Message message(String room, long id, String text) {
        return new Message("telegram", room, id, "http://sim/" + room + "/" + id, T0.plusSeconds(id), null, text, List.of(), null,
                null, 1L, false, false, List.of(), T0, "http://sim/s/" + room, "aa".repeat(32));
    }

    private static Room room(String name, String title, String description) {
        return new Room("telegram", name, title, description, RoomKind.GROUP, 100L, null, null, null, null, null, true,
                InviteStatus.NOT_AN_INVITE, T0, "http://sim/s/" + name, "bb".repeat(32));
    }

    @BeforeAll
    void start(TestIndices indices) throws Exception {
        Tagging tagging;
        try (InputStream in = getClass().getResourceAsStream("/schools/sample-schools.csv")) {
            tagging = new Tagging(NeisSchoolCsv.parse(in.readAllBytes()),
                    List.of(new WatchedPerson("w-17", "한가온", List.of(), List.of())));
        }
        ElasticsearchClient client = indices.client();
        IndexNames names = indices.names();
        try (BulkMessageWriter writer = new BulkMessageWriter(client, names, new MessageEnricher(() -> tagging),
                new ConfigLoader().defaults().elasticsearch())) {
            writer.writeRoom(room("hanbit_gossip", "한빛여고 소식방", "한빛 여고 얘기"));
            writer.writeRoom(room("mixed_room", "잡담방", "아무 얘기"));
            writer.writeRoom(room("busan_room", "부산 학생방", "부산"));
            List<Message> messages = new ArrayList<>();
            messages.add(message("hanbit_gossip", 1, "한빛여고 2학년 애들 사진"));
            messages.add(message("hanbit_gossip", 2, "오늘 공지 없음"));
            messages.add(message("mixed_room", 1, "어제 한빛여고에서 찍은 거, 연락 010 1234 5678"));
            messages.add(message("mixed_room", 2, "가온이 인스타 @gaon_sample 있음"));
            messages.add(message("busan_room", 1, "부산 한빛중 애들 단톡"));
            messages.add(message("busan_room", 2, "중고거래 합니다"));
            writer.writeMessages(messages);
        }
        client.indices().refresh(r -> r.index(names.messages(), names.rooms()));
        RoomWatcher watcher = new InMemoryWatcher();
        server = new ApiServer(new ElasticsearchSearchService(client, names), watcher, () -> true).withSchools(() -> tagging)
                .withoutSecurityForRouteTests().start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return json.readTree(response.body());
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void schoolSearchReadsAbbreviationsAndCounts() throws Exception {
        JsonNode found = getJson("/api/schools?q=" + q("한빛여고"));
        JsonNode first = found.get("schools").get(0);
        assertEquals("한빛여자고등학교", first.get("name").asText());
        assertEquals(2, first.get("messages").asInt());
        assertEquals(1, first.get("rooms").asInt());
        assertEquals(30, found.get("registry").asInt());
        JsonNode contains = getJson("/api/schools?q=" + q("해솔"));
        assertEquals(2, contains.get("schools").size());
        assertEquals(400, get("/api/schools?size=0").statusCode());
        assertEquals(400, get("/api/schools?bogus=1").statusCode());
    }

    @Test
    void roomsOfASchoolWithEvidence() throws Exception {
        JsonNode rooms = getJson("/api/schools/9900001/rooms").get("rooms");
        assertEquals(2, rooms.size(), rooms.toString());
        assertEquals("telegram:hanbit_gossip", rooms.get(0).get("roomId").asText());
        assertTrue(rooms.get(0).get("namedForSchool").asBoolean());
        JsonNode mixed = rooms.get(1);
        assertEquals("telegram:mixed_room", mixed.get("roomId").asText());
        assertEquals("한빛여고", mixed.get("evidence").get("matched").asText());
        assertTrue(mixed.get("evidence").get("snippet").asText().contains("한빛여고에서"));
        assertEquals(404, get("/api/schools/0000000/rooms").statusCode());
    }

    @Test
    void messagesFilteredAndFacetedBySchoolRegionAndLevel() throws Exception {
        JsonNode bySchool = getJson("/api/messages?school=9900001");
        assertEquals(2, bySchool.get("total").asInt());
        assertEquals("9900001", bySchool.get("facets").get("school").get(0).get("value").asText());
        JsonNode withoutFacets = getJson("/api/messages?school=9900001&facets=false");
        assertEquals(2, withoutFacets.get("total").asInt(), "the same matches, counted");
        assertEquals(0, withoutFacets.get("facets").size(), "and not faceted: " + withoutFacets.get("facets"));
        assertEquals(400, get("/api/messages?facets=some").statusCode(), "facets is true or false");
        JsonNode busan = getJson("/api/messages?region=" + q("부산광역시"));
        assertEquals(1, busan.get("total").asInt(), busan.toString());
        assertEquals(1, getJson("/api/messages?level=" + q("중")).get("total").asInt());
        assertEquals(2, getJson("/api/messages?level=" + q("고")).get("total").asInt());
        HttpResponse<String> bad = get("/api/messages?level=" + q("유"));
        assertEquals(400, bad.statusCode());
        assertEquals("level", json.readTree(bad.body()).get("parameter").asText());
    }

    @Test
    void mentionsOfPhonesHandlesAndWatchedPeople() throws Exception {
        assertEquals(1, getJson("/api/mentions?phone=" + q("010-1234-5678")).get("total").asInt());
        assertEquals(1, getJson("/api/mentions?handle=" + q("@GAON_SAMPLE")).get("total").asInt());
        JsonNode person = getJson("/api/mentions?person=w-17");
        assertEquals(1, person.get("total").asInt());
        assertEquals("telegram:mixed_room:2", person.get("hits").get(0).get("id").asText());
        assertEquals(400, get("/api/mentions").statusCode());
        assertEquals(400, get("/api/mentions?phone=1&handle=x").statusCode());
        HttpResponse<String> badPhone = get("/api/mentions?phone=12345");
        assertEquals(400, badPhone.statusCode());
        assertEquals("phone", json.readTree(badPhone.body()).get("parameter").asText());
    }
}
