package org.roomwatch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.time.Instant;
import java.util.List;
import org.jsoup.nodes.Element;
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
import org.roomwatch.testkit.ControlPlaneExtension;
import org.roomwatch.testkit.InMemoryWatcher;

/** The pages over real HTTP (a real index, H2, the form login): hostile text stays text, bad input is refused plainly. */
@ExtendWith(ControlPlaneExtension.class)
@ExtendWith(IndicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesTest {
    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
    private static final String SCRIPT = "<script>alert('x')</script>";
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private ControlPlaneDatabase db;
    private ApiServer server;
    private String base;

    @BeforeAll
    void start(TestIndices indices, ControlPlaneDatabase database) throws Exception {
        ElasticsearchClient client = indices.client();
        IndexNames names = indices.names();
        try (BulkMessageWriter writer = new BulkMessageWriter(client, names, new MessageEnricher(), new ConfigLoader().defaults().elasticsearch())) {
            writer.writeRoom(new Room("telegram", "evil_title_room", "한빛 옛 제목", "처음 설명", RoomKind.GROUP, 10L, null,
                    null, null, null, null, false, InviteStatus.NOT_AN_INVITE, T0.minusSeconds(86_400), "account:kim", "ab".repeat(32)));
            writer.writeRoom(new Room("telegram", "evil_title_room", SCRIPT + " 한빛 방", "<b>bold?</b>", RoomKind.GROUP, 12L, null,
                    null, null, null, null, false, InviteStatus.NOT_AN_INVITE, T0, "account:kim", "aa".repeat(32)));
            writer.writeMessages(List.of(new Message("telegram", "evil_title_room", 1, "https://t.me/evil_title_room/1", T0, "가명",
                    "한빛 공지 <img src=x onerror=alert(1)> 끝", List.of(), null, null, 3L, false, false, List.of(), T0,
                    "account:kim", "bb".repeat(32))));
        }
        client.indices().refresh(r -> r.index(names.prefix() + "*"));
        db = database;
        JdbcUsers users = new JdbcUsers(db.dataSource(), 5, Duration.ofMinutes(15), 12);
        users.add("officer.kim", Role.INVESTIGATOR, "a synthetic passphrase", "test");
        users.add("chief.park", Role.ADMIN, "a synthetic passphrase", "test");
        JdbcAuditLog audit = new JdbcAuditLog(db.dataSource(), Clock.systemUTC());
        ApiSecurity security = new ApiSecurity(users, audit, new SecurityConfig(false, Duration.ofMinutes(30), Duration.ofHours(12),
                5, Duration.ofMinutes(15), 12), Clock.systemUTC());
        server = new ApiServer(new ElasticsearchSearchService(client, names), new InMemoryWatcher(), () -> true)
                .withSecurity(security)
                .withImages(new ElasticsearchImageSearch(client, names, ElasticsearchImageSearch.Method.MIH),
                        new ImageHasher(new DecodeLimits(2000, 1_000_000)))
                .withPages(users, audit)
                .start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void login() throws Exception {
        login(http, "officer.kim");
    }

    /** Logs in as a browser does: the login page first (its form token and cookie), then the form. */
    private void login(HttpClient client, String user) throws Exception {
        FormLogin.logIn(client, base, user, "a synthetic passphrase");
    }

    private HttpResponse<String> postLogin(HttpClient client, String form) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + "/login")).header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aLoginFormPostedWithoutItsPagesTokenLogsNobodyIn() throws Exception {
        // What another site's hidden form would send: the right fields, but not the token only this site's page knows.
        HttpClient victim = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> forged = postLogin(victim, "user=officer.kim&password="
                + URLEncoder.encode("a synthetic passphrase", StandardCharsets.UTF_8));
        assertEquals(403, forged.statusCode(), forged.body());
        assertTrue(forged.headers().allValues("set-cookie").stream().noneMatch(c -> c.startsWith("rw_session=")), forged.headers().toString());
        assertEquals(303, victim.send(HttpRequest.newBuilder(URI.create(base + "/search")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "still logged out");
        HttpResponse<String> wrongToken = postLogin(victim, "_login=0123&user=officer.kim&password="
                + URLEncoder.encode("a synthetic passphrase", StandardCharsets.UTF_8));
        assertEquals(403, wrongToken.statusCode());
        login(victim, "officer.kim");
    }

    @Test
    void pagesAndAnswersCarryTheSecurityHeaders() throws Exception {
        login();
        for (String path : List.of("/search", "/login", "/api/health")) {
            HttpResponse<String> r = get(path);
            assertEquals("nosniff", r.headers().firstValue("x-content-type-options").orElse(""), path);
            assertEquals("DENY", r.headers().firstValue("x-frame-options").orElse(""), path);
            assertTrue(r.headers().firstValue("content-security-policy").orElse("").contains("frame-ancestors 'none'"), path);
            assertEquals("no-store", r.headers().firstValue("cache-control").orElse(""), path);
            assertEquals("no-referrer", r.headers().firstValue("referrer-policy").orElse(""), path);
        }
        assertTrue(get("/search").headers().firstValue("content-security-policy").orElse("").contains("default-src 'self'"));
    }

    @Test
    void scriptInATitleOrAMessageIsShownAsText() throws Exception {
        HttpResponse<String> before = get("/rooms/evil_title_room");
        assertEquals(303, before.statusCode(), "a page needs a login first");
        assertTrue(before.headers().firstValue("location").orElse("").startsWith("/login?next="));
        login();
        HttpResponse<String> room = get("/rooms/evil_title_room");
        assertEquals(200, room.statusCode(), room.body());
        assertFalse(room.body().contains(SCRIPT), "no live script");
        assertTrue(room.body().contains("&lt;script&gt;"), "the title is shown as text");
        assertFalse(room.body().contains("<b>bold?</b>"));
        var history = org.jsoup.Jsoup.parse(room.body()).select("#room-history tbody tr");
        assertEquals(2, history.size(), "the old title is history, not overwritten: " + history);
        assertTrue(history.get(0).text().contains("한빛 옛 제목"), history.text());
        HttpResponse<String> search = get("/search?q=" + URLEncoder.encode("한빛", StandardCharsets.UTF_8));
        assertEquals(200, search.statusCode());
        assertFalse(search.body().contains("<img src=x"), "a message's markup stays text");
        assertTrue(search.body().contains("<mark>"), "only the highlights are marks");
    }

    @Test
    void badInputOnThePagesIsRefusedWithTheReason() throws Exception {
        login();
        HttpResponse<String> date = get("/search?q=x&from=yesterday");
        assertEquals(400, date.statusCode());
        assertTrue(date.body().contains("yesterday"), date.body());
        HttpResponse<String> noCsrf = http.send(HttpRequest.newBuilder(URI.create(base + "/images"))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("pdq=" + "0".repeat(64))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, noCsrf.statusCode(), "a form without the session's CSRF token changes nothing");
        String csrf = org.jsoup.Jsoup.parse(get("/images").body()).selectFirst("input[name=_csrf]").val();
        HttpResponse<String> badHex = http.send(HttpRequest.newBuilder(URI.create(base + "/images"))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf + "&pdq=nothex")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, badHex.statusCode(), badHex.body());
        assertTrue(badHex.body().contains("role=\"alert\""), badHex.body());
        String boundary = "----roomwatch-test";
        byte[] big = new byte[5000]; // larger than this server's 2,000-byte image limit
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n";
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length() + big.length + tail.length];
        System.arraycopy(head.getBytes(StandardCharsets.UTF_8), 0, body, 0, head.length());
        System.arraycopy(tail, 0, body, head.length() + big.length, tail.length);
        HttpResponse<String> oversized = http.send(HttpRequest.newBuilder(URI.create(base + "/images"))
                .header("content-type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, oversized.statusCode(), oversized.body());
        assertTrue(oversized.body().contains("2000"), "says the limit: " + oversized.body());
    }

    @Test
    void queryLanguageCharactersAreSearchedAsText() throws Exception {
        login();
        // The search syntax has words, "phrases", OR and -exclusions only: nothing here can break or widen the search.
        for (String q : List.of("a OR (b", "*:*", "한빛 AND NOT 공지", "text:[* TO *]", "\\", "{\"match_all\":{}}")) {
            HttpResponse<String> r = get("/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
            assertEquals(200, r.statusCode(), q + " -> " + r.body());
        }
        // Every text field of the search form: values, never query language or SQL.
        for (String field : List.of("school", "region", "room")) {
            for (String hostile : List.of("*", "x' OR '1'='1", "{\"match_all\":{}}", "a OR (b", "evil_title_room OR *")) {
                HttpResponse<String> r = get("/search?q=" + URLEncoder.encode("한빛", StandardCharsets.UTF_8) + "&" + field + "="
                        + URLEncoder.encode(hostile, StandardCharsets.UTF_8));
                assertEquals(200, r.statusCode(), field + "=" + hostile + " -> " + r.body());
                assertTrue(r.body().contains("data-total=\"0\""), field + "=" + hostile + " matched nothing: " + r.body());
            }
        }
        HttpResponse<String> unclosed = get("/search?q=" + URLEncoder.encode("한빛 \"공지", StandardCharsets.UTF_8));
        assertEquals(400, unclosed.statusCode());
        assertTrue(unclosed.body().contains("검색어 4번째 글자: 여기서 연 따옴표가 닫히지 않았습니다"), "the page says where, in Korean: " + unclosed.body());
        HttpResponse<String> all = get("/search?q=" + URLEncoder.encode("*:*", StandardCharsets.UTF_8));
        assertTrue(all.body().contains("data-total=\"0\""), "*:* is not 'everything': " + all.body());
    }

    private static HttpResponse<String> form(HttpClient client, String url, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anAdminAddsAndDisablesUsersOnTheUsersPage() throws Exception {
        HttpClient admin = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        login(admin, "chief.park");
        String page = admin.send(HttpRequest.newBuilder(URI.create(base + "/admin/users")).build(), HttpResponse.BodyHandlers.ofString()).body();
        String csrf = org.jsoup.Jsoup.parse(page).selectFirst("input[name=_csrf]").val();
        HttpResponse<String> weak = form(admin, base + "/admin/users", "_csrf=" + csrf + "&name=officer.lee&role=analyst&password=short");
        assertEquals(400, weak.statusCode());
        assertTrue(weak.body().contains("비밀번호는 12자 이상이어야 합니다"), weak.body());
        assertEquals(303, form(admin, base + "/admin/users", "_csrf=" + csrf + "&name=officer.lee&role=analyst&password="
                + URLEncoder.encode("a synthetic passphrase", StandardCharsets.UTF_8)).statusCode());
        assertEquals(303, form(admin, base + "/admin/users/officer.lee/disable", "_csrf=" + csrf).statusCode());
        String after = admin.send(HttpRequest.newBuilder(URI.create(base + "/admin/users")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(org.jsoup.Jsoup.parse(after).select("#users tr").stream()
                .anyMatch(tr -> tr.text().contains("officer.lee") && tr.select("[data-state=disabled]").size() == 1), after);
        assertEquals(400, form(admin, base + "/admin/users/chief.park/disable", "_csrf=" + csrf).statusCode(), "not yourself");

        login();
        assertEquals(403, form(http, base + "/admin/users", "name=x&role=admin&password=whatever-long-enough").statusCode(),
                "an investigator cannot add users");
    }

    @Test
    void aLockedOfficerIsToldUntilWhenAndAnAdminUnlocksResetsAndReadsTheAuditInWords() throws Exception {
        HttpClient admin = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        login(admin, "chief.park");
        String csrf = org.jsoup.Jsoup.parse(admin.send(HttpRequest.newBuilder(URI.create(base + "/admin/users")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).selectFirst("input[name=_csrf]").val();
        assertEquals(303, form(admin, base + "/admin/users", "_csrf=" + csrf + "&name=officer.choi&role=investigator&password="
                + URLEncoder.encode("a synthetic passphrase", StandardCharsets.UTF_8)).statusCode());
        HttpClient officer = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String refused = "";
        for (int i = 0; i < 6; i++) {
            String page = officer.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
            String token = org.jsoup.Jsoup.parse(page).selectFirst("input[name=_login]").val();
            refused = postLogin(officer, "_login=" + token + "&user=officer.choi&password=wrong-" + i).body();
        }
        String said = org.jsoup.Jsoup.parse(refused).selectFirst("[role=alert]").text();
        assertTrue(said.contains("잠겨 있습니다") && said.contains("KST"), "says it is locked and until when: " + said);

        var users = org.jsoup.Jsoup.parse(admin.send(HttpRequest.newBuilder(URI.create(base + "/admin/users")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        var row = users.selectFirst("#users tr[data-user=officer.choi]");
        assertEquals("locked", row.selectFirst("td.state").attr("data-state"), row.toString());
        assertEquals("/admin/users/officer.choi/unlock", row.selectFirst("button[data-action=unlock]").parent().attr("action"));
        HttpResponse<String> unlocked = form(admin, base + "/admin/users/officer.choi/unlock", "_csrf=" + csrf);
        assertEquals(303, unlocked.statusCode());
        String done = admin.send(HttpRequest.newBuilder(URI.create(base + unlocked.headers().firstValue("location").orElseThrow())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertEquals("officer.choi 사용자의 잠금을 풀었습니다.", org.jsoup.Jsoup.parse(done).getElementById("done").text());
        login(officer, "officer.choi");

        assertEquals(303, form(admin, base + "/admin/users/officer.choi/password", "_csrf=" + csrf + "&password="
                + URLEncoder.encode("another synthetic phrase", StandardCharsets.UTF_8)).statusCode());
        assertEquals(303, officer.send(HttpRequest.newBuilder(URI.create(base + "/search")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "a new password ends the sessions of the old one");
        HttpResponse<String> tooShort = form(admin, base + "/admin/users/officer.choi/password", "_csrf=" + csrf + "&password=short");
        assertEquals(400, tooShort.statusCode());

        var audit = org.jsoup.Jsoup.parse(admin.send(HttpRequest.newBuilder(URI.create(base + "/admin/audit?action=%2Fusers")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertEquals("true", audit.getElementById("chain").attr("data-ok"));
        var unlockRow = audit.select("#audit tbody tr").stream().filter(tr -> tr.child(2).attr("title").equals("POST /admin/users/{name}/unlock"))
                .findFirst().orElseThrow(() -> new AssertionError(audit.getElementById("audit").text()));
        assertEquals("사용자 관리", unlockRow.child(2).text());
        assertEquals("officer.choi", unlockRow.child(3).text(), "the real target, not the route's template");
        assertTrue(unlockRow.child(0).text().endsWith("KST"), unlockRow.child(0).text());
        assertTrue(audit.select("#audit tbody tr").stream().allMatch(tr -> tr.child(2).attr("title").contains("/users")),
                "the 'what' filter keeps user administration only");
        assertEquals(400, admin.send(HttpRequest.newBuilder(URI.create(base + "/admin/audit?from=yesterday")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void highlightFragmentsKeepOnlyTheirMarks() {
        Element p = new Element("p");
        Layout.appendMarked(p, "a <mark>한빛</mark> <script>x</script> <mark>b");
        assertEquals("a <mark>한빛</mark> &lt;script&gt;x&lt;/script&gt; &lt;mark&gt;b", p.html());
    }
}
