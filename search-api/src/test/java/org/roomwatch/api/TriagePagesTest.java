package org.roomwatch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcAuditLog;
import org.roomwatch.controlplane.JdbcHashSets;
import org.roomwatch.controlplane.JdbcUsers;
import org.roomwatch.controlplane.JdbcWatchlists;
import org.roomwatch.core.config.SecurityConfig;
import org.roomwatch.core.security.Role;
import org.roomwatch.core.watch.Watchlist;
import org.roomwatch.indexer.AlertStore;
import org.roomwatch.indexer.ElasticsearchImageSearch;
import org.roomwatch.indexer.ElasticsearchSearchService;
import org.roomwatch.indexer.IndexNames;
import org.roomwatch.indexer.RetroScans;
import org.roomwatch.indexer.testing.IndicesExtension;
import org.roomwatch.indexer.testing.TestIndices;
import org.roomwatch.media.DecodeLimits;
import org.roomwatch.media.ImageHasher;
import org.roomwatch.testkit.ControlPlaneExtension;
import org.roomwatch.testkit.InMemoryWatcher;

/**
 * Triage on the pages over real HTTP. Alerts: the message and rules in words, filters by state and priority, pages of
 * 50, the new-alert count in the navigation, and moving many at once, each only within the analyst's own lists.
 * Discovered rooms: each link's state, where it was seen, filters and sorting, and no join offered where it cannot work.
 */
@ExtendWith(ControlPlaneExtension.class)
@ExtendWith(IndicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TriagePagesTest {
    private static final String PASSWORD = "a synthetic passphrase";
    private ApiServer server;
    private RetroScans retro;
    private String base;

    @BeforeAll
    void start(TestIndices indices, ControlPlaneDatabase db) throws Exception {
        ElasticsearchClient client = indices.client();
        IndexNames names = indices.names();
        JdbcUsers users = new JdbcUsers(db.dataSource(), 5, Duration.ofMinutes(15), 12);
        users.add("analyst.a", Role.ANALYST, PASSWORD, "test");
        users.add("analyst.b", Role.ANALYST, PASSWORD, "test");
        JdbcWatchlists lists = new JdbcWatchlists(db.dataSource());
        org.roomwatch.tagging.Tagging tagging;
        try (var in = getClass().getResourceAsStream("/schools/sample-schools.csv")) {
            var registry = org.roomwatch.tagging.NeisSchoolCsv.parse(in.readAllBytes());
            tagging = new org.roomwatch.tagging.Tagging(registry, List.of());
            new org.roomwatch.controlplane.JdbcSchoolRegistry(db.dataSource()).importAll(registry);
        }
        Watchlist a = lists.create("한빛여고 감시", "analyst.a", false, List.of(), "analyst.a");
        Watchlist b = lists.create("B의 목록", "analyst.b", true, List.of(), "analyst.b");
        for (int i = 0; i < 60; i++) {
            index(client, names, "a-" + i, a, i < 5 ? "high" : "normal", i);
        }
        index(client, names, "b-0", b, "high", 0);
        try (var writer = new org.roomwatch.indexer.BulkMessageWriter(client, names, new org.roomwatch.indexer.MessageEnricher(),
                new org.roomwatch.core.config.ConfigLoader().defaults().elasticsearch())) {
            writer.writeMessages(List.of(new org.roomwatch.core.Message("telegram", "room_x", 59, "https://t.me/room_x/59",
                    java.time.Instant.parse("2026-11-01T00:00:00Z"), null, "한빛여고 2학년 사진 올림", List.of(), null, null, 1L, false, false,
                    List.of(), java.time.Instant.parse("2026-11-01T00:00:00Z"), "account:kim", "aa".repeat(32))));
        }
        client.indices().refresh(r -> r.index(names.messages()));
        client.indices().refresh(r -> r.index(names.alerts()));
        AlertStore alerts = new AlertStore(client, names, Clock.systemUTC());
        retro = new RetroScans(client, names, alerts, new JdbcHashSets(db.dataSource()), Clock.systemUTC());
        JdbcAuditLog audit = new JdbcAuditLog(db.dataSource(), Clock.systemUTC());
        ApiSecurity security = new ApiSecurity(users, audit, new SecurityConfig(false, Duration.ofMinutes(30), Duration.ofHours(12),
                5, Duration.ofMinutes(15), 12), Clock.systemUTC(), null, lists);
        server = new ApiServer(new ElasticsearchSearchService(client, names), new InMemoryWatcher(), () -> true).withSecurity(security)
                .withImages(new ElasticsearchImageSearch(client, names, ElasticsearchImageSearch.Method.MIH), new ImageHasher(DecodeLimits.DEFAULT))
                .withWatchlists(lists, alerts, retro, new ImageHasher(DecodeLimits.DEFAULT))
                .withSchools(() -> tagging)
                .withMessages(new org.roomwatch.indexer.ElasticsearchMessageViews(client, names, null))
                .withDiscovered(discovered(db))
                .withPages(users, audit).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
    }

    private static void index(ElasticsearchClient client, IndexNames names, String id, Watchlist list, String priority, int n) throws Exception {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("watchlist_id", list.id());
        doc.put("watchlist_name", list.name());
        doc.put("priority", priority);
        doc.put("rules", List.of(Map.of("rule_id", "r1", "kind", "school", "matched", "한빛여고")));
        doc.put("message_id", "telegram:room_x:" + n);
        doc.put("room_id", "telegram:room_x");
        doc.put("permalink", "https://t.me/room_x/" + n);
        doc.put("posted_at", "2026-11-01T00:00:00Z");
        doc.put("created_at", String.format("2026-11-01T00:%02d:00Z", n));
        doc.put("state", "new");
        doc.put("history", new ArrayList<>());
        client.index(i -> i.index(names.alerts()).id(id).document(doc));
    }

    /** Four links as the crawler finds them: a live room posted three times, an expired invite, an unread one, one not checked. */
    private static org.roomwatch.controlplane.JdbcDiscoveredRooms discovered(ControlPlaneDatabase db) {
        var rooms = new org.roomwatch.controlplane.JdbcDiscoveredRooms(db.dataSource());
        java.time.Instant t = java.time.Instant.parse("2026-11-02T00:00:00Z");
        for (int i = 1; i <= 3; i++) {
            rooms.record("telegram:live_room", "telegram", false, "live_room", "telegram:room_x:" + i, "https://t.me/live_room", t.plusSeconds(i));
        }
        rooms.record("telegram:+ExpiredHash01", "telegram", true, "+ExpiredHash01", "telegram:room_x:7", "https://t.me/+ExpiredHash01", t);
        rooms.record("telegram:unread_room", "telegram", false, "unread_room", "telegram:room_x:8", "https://t.me/unread_room", t);
        rooms.record("telegram:fresh_room", "telegram", false, "fresh_room", "telegram:room_x:9", "https://t.me/fresh_room", t.plusSeconds(60));
        rooms.saveFetched("telegram:live_room", "한빛 소식", 1200L, false, null, t);
        rooms.saveFetched("telegram:+ExpiredHash01", null, null, true, null, t);
        rooms.saveFetched("telegram:unread_room", null, null, null, "the page answered 500", t);
        return rooms;
    }

    @Test
    void discoveredRoomsShowTheirStateWhereTheyWereSeenAndOfferOnlyWhatCanWork() throws Exception {
        Session a = login("analyst.a");
        Document page = a.page(base, "/discovered");
        assertEquals("4", page.getElementById("total").attr("data-total"));
        var live = page.selectFirst("#discovered tr[data-id=telegram:live_room]");
        assertEquals("live", live.attr("data-state"));
        assertEquals("열려 있음", live.selectFirst("td.state").text());
        assertTrue(live.text().contains("한빛 소식") && live.text().contains("1,200") && live.text().contains("3회 게시됨"), live.text());
        assertEquals("/messages/telegram%3Aroom_x%3A3", live.selectFirst("a.seen-in").attr("href"), "the latest message it was seen in");
        assertEquals(1, live.select("button[data-action=watch]").size());
        var expired = page.selectFirst("#discovered tr[data-id=telegram:+ExpiredHash01]");
        assertEquals("expired", expired.attr("data-state"));
        assertEquals(0, expired.select("button[data-action=watch]").size(), "no join offered for an expired invite");
        assertTrue(expired.text().contains("만료된 초대 링크라 참여할 수 없습니다"), expired.text());
        assertTrue(page.selectFirst("#discovered tr[data-id=telegram:unread_room] td.state").text().contains("the page answered 500"));
        assertEquals("unchecked", page.selectFirst("#discovered tr[data-id=telegram:fresh_room]").attr("data-state"));
        assertEquals("telegram:fresh_room", page.selectFirst("#discovered tbody tr").attr("data-id"), "last seen first");
        assertEquals("telegram:live_room", a.page(base, "/discovered?sort=sightings").selectFirst("#discovered tbody tr").attr("data-id"));
        assertEquals(List.of("telegram:+ExpiredHash01"), a.page(base, "/discovered?state=expired").select("#discovered tbody tr").eachAttr("data-id"));
        HttpResponse<String> expiredJoin = a.form(base, "/discovered/telegram:+ExpiredHash01/watch", "room=some_room");
        assertEquals(409, expiredJoin.statusCode());
        assertTrue(expiredJoin.body().contains("만료된 초대 링크"), expiredJoin.body());
        assertEquals(400, a.http().send(HttpRequest.newBuilder(URI.create(base + "/discovered?sort=random")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void telegramsRefusalsAreExplainedInWordsWithTheCodeKept() {
        String said = DiscoveredPages.TelegramWords.join("ko", "declined", "400: INVITE_HASH_EXPIRED");
        assertTrue(said.startsWith("초대 링크가 만료되었습니다") && said.endsWith("(텔레그램 응답: 400: INVITE_HASH_EXPIRED)"), said);
        assertTrue(DiscoveredPages.TelegramWords.join("en", "declined", "429: Too Many Requests: retry after 30").startsWith("Telegram is holding"));
        assertEquals("텔레그램이 참여를 거절했습니다.", DiscoveredPages.TelegramWords.join("ko", "declined", null));
        assertTrue(DiscoveredPages.TelegramWords.join("ko", "request_sent", null).startsWith("가입 요청을 보냈습니다"));
    }

    private static String form(String... pairs) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            out.append(out.isEmpty() ? "" : "&").append(pairs[i]).append('=').append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private long named(Session s, String name) throws Exception {
        return s.page(base, "/watchlists").select("#watchlists tbody tr td:first-child").eachText().stream().filter(name::equals).count();
    }

    @Test
    void aWatchlistIsMadeWithSeveralRulesByNameOrNotAtAllThenEditedOnItsOwnPage() throws Exception {
        Session a = login("analyst.a");
        HttpResponse<String> made = a.form(base, "/watchlists", form("name", "한빛여고 딥페이크", "members", "a@example.org",
                "kind1", "term", "value1", "딥페이크", "kind2", "school", "value2", "한빛여고", "kind3", "room", "value3", "gossip_room_2026",
                "kind4", "term", "value4", ""));
        assertEquals(303, made.statusCode(), made.body());
        String location = made.headers().firstValue("location").orElseThrow();
        assertTrue(location.endsWith("?done=created"), location);
        Document list = a.page(base, location);
        assertTrue(list.getElementById("done").text().startsWith("감시 목록을 만들었습니다"));
        assertEquals(List.of("단어 딥페이크", "학교 한빛여자고등학교 (서울특별시 강남구 · 고등학교)", "방 telegram:gossip_room_2026"),
                list.select("#rules tbody tr").stream().map(tr -> tr.child(0).text() + " " + tr.child(1).text()).toList());
        assertEquals("a@example.org", list.getElementById("members").val());

        // A rule that fits several schools: asked which, the form comes back as typed, and no list exists.
        HttpResponse<String> ambiguous = a.form(base, "/watchlists", form("name", "두 학교", "kind1", "term", "value1", "사진",
                "kind2", "school", "value2", "한빛중"));
        assertEquals(400, ambiguous.statusCode());
        Document back = Jsoup.parse(ambiguous.body());
        assertTrue(back.getElementById("error").text().contains("2번째 규칙: '한빛중'에 맞는 학교가 여럿입니다"), back.getElementById("error").text());
        assertEquals("사진", back.getElementById("value1").val());
        assertEquals("school", back.selectFirst("#kind2 option[selected]").val());
        assertEquals(0, named(a, "두 학교"));
        // One the store refuses (no such hash set): nothing is left behind either.
        HttpResponse<String> noSet = a.form(base, "/watchlists", form("name", "없는 목록", "kind1", "term", "value1", "사진",
                "kind2", "hashset", "value2", "no-such-set"));
        assertEquals(400, noSet.statusCode());
        assertTrue(Jsoup.parse(noSet.body()).getElementById("error").text().startsWith("규칙을 받아들일 수 없어 아무것도 만들지 않았습니다"));
        assertEquals(0, named(a, "없는 목록"));
        // Sent twice: made once.
        HttpResponse<String> twice = a.form(base, "/watchlists", form("name", "한빛여고 딥페이크", "kind1", "term", "value1", "딥페이크"));
        assertEquals(400, twice.statusCode());
        assertEquals(1, named(a, "한빛여고 딥페이크"));

        String path = location.substring(0, location.indexOf('?'));
        assertEquals(303, a.form(base, path, form("name", "한빛여고 딥페이크 (긴급)", "high", "on", "members", "a@example.org, b@example.org")).statusCode());
        Document saved = a.page(base, path + "?done=saved");
        assertEquals("a@example.org, b@example.org", saved.getElementById("members").val());
        assertEquals(400, a.form(base, path, form("name", "x", "members", "not-an-address")).statusCode());
        assertEquals(400, a.form(base, path + "/rules", form("kind", "person", "value", "p-none")).statusCode(),
                "a person that is not watched is refused");
        assertEquals(303, a.form(base, path + "/rules", form("kind", "school", "value", "나린중")).statusCode());
        assertEquals("규칙을 추가했습니다.", a.page(base, path + "?done=ruleAdded").getElementById("done").text());
        assertTrue(a.page(base, path + "?done=nonsense").select("#done").isEmpty(), "an unknown note is ignored, not an error");
        // A rule's value changed in place: read as a new rule's would be, refused whole when it cannot be one.
        String term = a.page(base, path).select("#rules tbody tr").first().attr("data-rule");
        assertEquals(303, a.form(base, path + "/rules/" + term, form("value", "딥페이크 영상")).statusCode());
        Document changed = a.page(base, path + "?done=ruleChanged");
        assertEquals("규칙의 값을 바꾸었습니다.", changed.getElementById("done").text());
        assertTrue(changed.getElementById("rules").text().contains("딥페이크 영상"), changed.getElementById("rules").text());
        String school = changed.select("#rules tbody tr").stream().filter(tr -> tr.child(0).text().equals("학교"))
                .findFirst().orElseThrow().attr("data-rule");
        HttpResponse<String> ambiguousChange = a.form(base, path + "/rules/" + school, form("value", "한빛중"));
        assertEquals(400, ambiguousChange.statusCode());
        assertTrue(a.page(base, path).getElementById("rules").text().contains("한빛여자고등학교"), "the rule is unchanged");
        assertEquals(409, a.form(base, path + "/rules/no-such-rule", form("value", "x")).statusCode());
        String rule = a.page(base, path).select("#rules tbody tr").last().attr("data-rule");
        assertEquals(303, a.form(base, path + "/rules/" + rule + "/delete", "").statusCode());
        assertEquals(409, a.form(base, path + "/rules/" + rule + "/delete", "").statusCode(), "a second click is told it is gone");
        List<String> changes = a.page(base, path).select("#list-audit tbody tr td:nth-child(3)").eachText();
        assertTrue(changes.containsAll(List.of("목록 만듦", "규칙 추가", "규칙 삭제", "이름·우선순위·받는 사람 변경")), changes.toString());
        String created = a.page(base, path).select("#list-audit tbody tr").get(0).child(3).text();
        assertEquals("이름: 한빛여고 딥페이크, 담당: analyst.a, 우선순위: 보통, 받는 사람 수: 1", created, "the change's details in words");
        assertEquals(404, login("analyst.b").http().send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "another analyst's list answers as if absent");
    }

    @AfterAll
    void stop() {
        server.close();
        retro.close();
    }

    private record Session(HttpClient http, String csrf) {
        Document page(String base, String path) throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), path + ": " + r.body());
            return Jsoup.parse(r.body());
        }

        HttpResponse<String> form(String base, String path, String body) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("content-type", "application/x-www-form-urlencoded")
                    .header(ApiSecurity.CSRF_HEADER, csrf).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    private Session login(String user) throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login")).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\": \"" + user + "\", \"password\": \"" + PASSWORD + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Session(http, new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).get("csrf").asText());
    }

    @Test
    void theInboxShowsTheMessageAndRulesInWordsAPageAtATimeWithTheNewCountInTheNavigation() throws Exception {
        Session a = login("analyst.a");
        Document inbox = a.page(base, "/alerts");
        assertEquals("60", inbox.getElementById("total").attr("data-total"));
        assertEquals(50, inbox.select("#alerts tbody tr").size());
        assertEquals(List.of("알린 시각", "감시 목록", "일치한 규칙", "방과 메시지", "상태", "처리"),
                inbox.select("#alerts thead th").eachText().subList(1, 7));
        var first = inbox.selectFirst("#alerts tbody tr");
        assertEquals("a-59", first.attr("data-id"), "newest first");
        assertEquals("학교: 한빛여고", first.child(3).text());
        assertEquals("/messages/telegram%3Aroom_x%3A59", first.selectFirst("a.message").attr("href"));
        assertEquals("한빛여고 2학년 사진 올림", first.selectFirst("p.excerpt").text(), "the message itself, beside its alert");
        assertEquals("새 알림", first.selectFirst("td.state").text());
        assertEquals(List.of("1", "2"), inbox.select("nav.pager a, nav.pager span.current").eachText());
        assertEquals("60", inbox.getElementById("new-alerts").text(), "the navigation counts her new alerts");
        assertEquals("1", login("analyst.b").page(base, "/search").getElementById("new-alerts").text(), "and only hers");
        Document high = a.page(base, "/alerts?priority=high");
        assertEquals("5", high.getElementById("total").attr("data-total"));
        assertTrue(high.selectFirst("#alerts tbody tr").text().contains("긴급"));
        assertEquals(10, a.page(base, "/alerts?page=2").select("#alerts tbody tr").size());
        HttpResponse<String> bad = a.http().send(HttpRequest.newBuilder(URI.create(base + "/alerts?state=done")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("done"), "names what was wrong");
    }

    @Test
    void manyAlertsMoveAtOnceOnlyWithinHerOwnLists() throws Exception {
        Session a = login("analyst.a");
        String ids = "id=a-10&id=a-11&id=a-12&id=b-0";
        HttpResponse<String> partly = a.form(base, "/alerts/state", ids + "&state=dismissed&back=");
        assertEquals(409, partly.statusCode(), partly.body());
        assertTrue(Jsoup.parse(partly.body()).selectFirst("[role=alert]").text().startsWith("3건을 바꾸었고"), partly.body());
        assertTrue(partly.body().contains("b-0"), "another analyst's alert is named, untouched");
        assertEquals("3", a.page(base, "/alerts?state=dismissed").getElementById("total").attr("data-total"));
        assertEquals("new", login("analyst.b").page(base, "/alerts").selectFirst("#alerts tbody tr").attr("data-state"));

        HttpResponse<String> all = a.form(base, "/alerts/state", "id=a-20&id=a-21&state=seen&back="
                + URLEncoder.encode("priority=normal&page=2", StandardCharsets.UTF_8));
        assertEquals(303, all.statusCode(), all.body());
        assertEquals("/alerts?priority=normal&moved=2", all.headers().firstValue("location").orElse(""), "back to the same filters");
        assertEquals(400, a.form(base, "/alerts/state", "state=seen").statusCode(), "nothing chosen");
        assertEquals(400, a.form(base, "/alerts/state", "id=a-30&state=new").statusCode(), "not a state to move to");
    }
}
