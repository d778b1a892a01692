package org.roomwatch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcAuditLog;
import org.roomwatch.controlplane.JdbcUsers;
import org.roomwatch.core.InviteStatus;
import org.roomwatch.core.Message;
import org.roomwatch.core.Room;
import org.roomwatch.core.RoomKind;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.config.SecurityConfig;
import org.roomwatch.core.security.Role;
import org.roomwatch.indexer.BulkMessageWriter;
import org.roomwatch.indexer.ElasticsearchImageSearch;
import org.roomwatch.indexer.ElasticsearchSearchService;
import org.roomwatch.indexer.IndexNames;
import org.roomwatch.indexer.MessageEnricher;
import org.roomwatch.indexer.testing.IndicesExtension;
import org.roomwatch.indexer.testing.TestIndices;
import org.roomwatch.media.DecodeLimits;
import org.roomwatch.media.ImageHasher;
import org.roomwatch.tagging.NeisSchoolCsv;
import org.roomwatch.tagging.Tagging;
import org.roomwatch.testkit.ControlPlaneExtension;
import org.roomwatch.testkit.InMemoryWatcher;

/**
 * Filters by name over real HTTP with the synthetic registry (two 한빛중학교, in Seoul and Busan): a school or room
 * typed as officers write it, a name that fits several asks which, one that fits nothing says so, chips drop a filter,
 * an empty result names the filter that emptied it, suggestions come as datalist options, and the schools pages.
 */
@ExtendWith(ControlPlaneExtension.class)
@ExtendWith(IndicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchFiltersPagesTest {
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private ApiServer server;
    private String base;

    private static Message message(String room, long id, String text) {
        return new Message("telegram", room, id, "https://t.me/" + room + "/" + id, T0.plusSeconds(id), null, text, List.of(), null,
                null, 1L, false, false, List.of(), T0, "account:kim", "aa".repeat(32));
    }

    private static Room room(String name, String title) {
        return new Room("telegram", name, title, "", RoomKind.GROUP, 100L, null, null, null, null, null, true,
                InviteStatus.NOT_AN_INVITE, T0, "account:kim", "bb".repeat(32));
    }

    @BeforeAll
    void start(TestIndices indices, ControlPlaneDatabase db) throws Exception {
        Tagging tagging;
        try (InputStream in = getClass().getResourceAsStream("/schools/sample-schools.csv")) {
            tagging = new Tagging(NeisSchoolCsv.parse(in.readAllBytes()), List.of());
        }
        ElasticsearchClient client = indices.client();
        IndexNames names = indices.names();
        try (BulkMessageWriter writer = new BulkMessageWriter(client, names, new MessageEnricher(() -> tagging),
                new ConfigLoader().defaults().elasticsearch())) {
            writer.writeRoom(room("hanbit_gossip", "한빛여고 소식방"));
            writer.writeRoom(room("mixed_room", "잡담방"));
            writer.writeRoom(room("busan_room", "부산 학생방"));
            writer.writeMessages(List.of(message("hanbit_gossip", 1, "한빛여고 2학년 애들 사진"),
                    message("hanbit_gossip", 2, "오늘 공지 없음"),
                    message("mixed_room", 1, "어제 한빛여고에서 찍은 거"),
                    message("busan_room", 1, "부산 한빛중 애들 단톡")));
        }
        client.indices().refresh(r -> r.index(names.prefix() + "*"));
        JdbcUsers users = new JdbcUsers(db.dataSource(), 5, Duration.ofMinutes(15), 12);
        users.add("officer.kim", Role.INVESTIGATOR, "a synthetic passphrase", "test");
        JdbcAuditLog audit = new JdbcAuditLog(db.dataSource(), Clock.systemUTC());
        ApiSecurity security = new ApiSecurity(users, audit, new SecurityConfig(false, Duration.ofMinutes(30), Duration.ofHours(12),
                5, Duration.ofMinutes(15), 12), Clock.systemUTC());
        server = new ApiServer(new ElasticsearchSearchService(client, names, () -> tagging), new InMemoryWatcher(), () -> true)
                .withSecurity(security)
                .withImages(new ElasticsearchImageSearch(client, names, ElasticsearchImageSearch.Method.MIH),
                        new ImageHasher(new DecodeLimits(2000, 1_000_000)))
                .withSchools(() -> tagging)
                .withPages(users, audit)
                .start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
        FormLogin.logIn(http, base, "officer.kim", "a synthetic passphrase");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Document page(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return Jsoup.parse(r.body());
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String total(Document d) {
        return d.getElementById("total").attr("data-total");
    }

    @Test
    void aSchoolTypedAsOfficersWriteItFiltersByThatSchool() throws Exception {
        Document d = page("/search?q=&school=" + q("한빛여고"));
        assertEquals("2", total(d), d.select("article.hit").text());
        String chip = d.selectFirst("#chips li[data-param=school]").text();
        assertTrue(chip.startsWith("학교: 한빛여자고등학교 (서울특별시 강남구"), chip);
        // The chip drops its filter and keeps the rest.
        assertEquals("/search?q=", d.selectFirst("#chips li[data-param=school] a").attr("href"));
        assertEquals("2", total(page("/search?school=9900001")), "the registry id still works");
        assertEquals("2", total(page("/search?school=" + q("한빛여자고등학교 [9900001]"))), "so does a picked suggestion");
    }

    @Test
    void aSchoolNameThatFitsSeveralAsksWhich() throws Exception {
        Document d = page("/search?q=" + q("애들") + "&school=" + q("한빛중"));
        assertEquals("0", total(d));
        assertTrue(d.getElementById("choose").text().contains("'한빛중'에 맞는 학교가 여러 곳입니다"), d.getElementById("choose").text());
        List<String> places = d.select("#choose li").eachText();
        assertEquals(2, places.size(), places.toString());
        assertTrue(places.stream().anyMatch(p -> p.contains("부산")) && places.stream().anyMatch(p -> p.contains("서울")), places.toString());
        String busan = d.select("#choose li").stream().filter(li -> li.text().contains("부산")).findFirst().orElseThrow()
                .selectFirst("a").attr("href");
        assertTrue(busan.startsWith("/search?q=" + q("애들") + "&school="), busan);
        Document chosen = page(busan);
        assertEquals("1", total(chosen), "the Busan school's message");
        assertEquals("telegram:busan_room:1", chosen.selectFirst("article.hit").attr("data-id"));
    }

    @Test
    void aNameThatFitsNothingSaysSoInsteadOfNoResults() throws Exception {
        Document school = page("/search?q=x&school=" + q("없는학교이름"));
        assertEquals("0", total(school));
        assertTrue(school.getElementById("unknown-filter").text().contains("'없는학교이름'에 맞는 학교를 찾지 못해 검색하지 않았습니다"),
                school.getElementById("unknown-filter").text());
        Document room = page("/search?room=" + q("존재하지 않는 방"));
        assertTrue(room.getElementById("unknown-filter").text().contains("'존재하지 않는 방'"), room.text());
    }

    @Test
    void aRoomByTitleOrUsernameAndSeveralRoomsAskWhich() throws Exception {
        assertEquals("2", total(page("/search?room=" + q("한빛여고 소식방"))));
        assertEquals("2", total(page("/search?room=" + q("hanbit_gossip"))));
        assertEquals("1", total(page("/search?room=" + q("잡담"))), "part of a title");
        Document several = page("/search?room=" + q("방"));
        assertEquals(3, several.select("#choose li").size(), several.select("#choose").text());
    }

    @Test
    void anEmptyResultNamesTheFilterThatEmptiedIt() throws Exception {
        Document d = page("/search?q=" + q("공지") + "&school=" + q("한빛여고"));
        assertEquals("0", total(d));
        List<String> reasons = d.select("#emptied-by li").eachText();
        assertEquals(List.of("검색어 공지 필터를 빼면 2건이 있습니다.",
                "학교 한빛여자고등학교 (서울특별시 강남구 · 고등학교) 필터를 빼면 1건이 있습니다."), reasons);
    }

    @Test
    void suggestionsComeAsDatalistOptionsAndHtmxIsServedHere() throws Exception {
        Document schools = Jsoup.parse(get("/pick/schools?school=" + q("한빛")).body());
        assertTrue(schools.select("option").eachAttr("value").contains("한빛여자고등학교 [9900001]"), schools.html());
        Document rooms = Jsoup.parse(get("/pick/rooms?room=" + q("gossip")).body());
        assertEquals(List.of("한빛여고 소식방 [telegram:hanbit_gossip]"), rooms.select("option").eachAttr("value"));
        assertEquals(0, Jsoup.parse(get("/pick/schools?school=" + q("한")).body()).select("option").size(), "one letter suggests nothing");
        HttpResponse<String> htmx = get("/static/htmx.min.js");
        assertEquals(200, htmx.statusCode());
        assertTrue(htmx.body().contains("htmx"), "the pinned library itself");
        Document search = page("/search");
        assertEquals("/pick/schools", search.getElementById("school").attr("hx-get"));
        assertTrue(search.selectFirst("meta[name=htmx-config]").attr("content").contains("\"includeIndicatorStyles\":false"));
    }

    @Test
    void theSchoolsPageSearchesNarrowsAndCountsAndASchoolPageHasItsName() throws Exception {
        Document middle = page("/schools?level=" + q("중") + "&region=" + q("서울"));
        List<String> names = middle.select("#schools tbody tr td:first-child").eachText();
        assertEquals(List.of("한빛중학교", "새솔중학교", "마루중학교"), names);
        Document hanbit = page("/schools?q=" + q("한빛여고"));
        var row = hanbit.selectFirst("#schools tbody tr[data-id=9900001]");
        assertEquals("한빛여자고등학교", row.child(0).text());
        assertEquals("1", row.child(3).text(), "rooms found: the one named for it");
        assertEquals("2", row.child(4).text(), "messages naming it");
        Document school = page("/schools/9900001");
        assertTrue(school.title().startsWith("한빛여자고등학교"), school.title());
        assertTrue(school.getElementById("school-rooms").text().contains("한빛여고 소식방"), school.getElementById("school-rooms").text());
        assertEquals(404, get("/schools/0000000").statusCode());
        assertEquals(400, get("/schools?page=zero").statusCode());
        HttpResponse<String> badLevel = get("/schools?level=" + q("중학"));
        assertEquals(400, badLevel.statusCode());
        assertTrue(badLevel.body().contains("학교급은 초, 중, 고, 대 가운데 하나입니다: 중학"), badLevel.body());
        assertEquals(400, get("/schools?region=" + q("서울특별시교육청")).statusCode(), "a region that is none of the 17 says so");
        assertEquals("이 조건에 맞는 학교가 없습니다.", page("/schools?level=" + q("대") + "&region=" + q("제주")).getElementById("no-results").text());
    }
}
