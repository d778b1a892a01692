package org.roomwatch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.ByteArrayInputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
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
import org.roomwatch.core.ImageText;
import org.roomwatch.core.MediaKind;
import org.roomwatch.core.MediaRef;
import org.roomwatch.core.Message;
import org.roomwatch.core.MessageDeletion;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.config.SecurityConfig;
import org.roomwatch.core.evidence.BundleVerifier;
import org.roomwatch.core.evidence.EvidenceKey;
import org.roomwatch.core.security.AuditEntry;
import org.roomwatch.core.security.Role;
import org.roomwatch.indexer.BulkMessageWriter;
import org.roomwatch.indexer.ElasticsearchEvidenceRecords;
import org.roomwatch.indexer.ElasticsearchImageSearch;
import org.roomwatch.indexer.ElasticsearchMessageViews;
import org.roomwatch.indexer.ElasticsearchSearchService;
import org.roomwatch.indexer.IndexNames;
import org.roomwatch.indexer.MessageEnricher;
import org.roomwatch.indexer.testing.IndicesExtension;
import org.roomwatch.indexer.testing.TestIndices;
import org.roomwatch.media.DecodeLimits;
import org.roomwatch.media.ImageHasher;
import org.roomwatch.testkit.ControlPlaneExtension;
import org.roomwatch.testkit.InMemoryWatcher;

/**
 * From a search hit to evidence over real HTTP (a real index, a real database, the form login): the message page
 * with its versions, numbered pages, complete snippets and whole-word marks, the streamed CSV export, and bundles
 * made from the pages' selection, refused whole when part of it is gone.
 */
@ExtendWith(ControlPlaneExtension.class)
@ExtendWith(IndicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessagePagesTest {
    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
    private static final int MESSAGES = 45;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private ApiServer server;
    private JdbcAuditLog audit;
    private EvidenceKey key;
    private String base;

    private static Message message(int n, String text, Instant captured, boolean edited) {
        return new Message("telegram", "gossip_room", n, "https://t.me/gossip_room/" + n, T0.plusSeconds(60L * n), "가명" + (n % 3),
                text, List.of(), null, null, 7L, edited, false, List.of(), captured, "account:kim", String.format("%064x", n));
    }

    @BeforeAll
    void start(TestIndices indices, ControlPlaneDatabase db, @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        ElasticsearchClient client = indices.client();
        IndexNames names = indices.names();
        try (BulkMessageWriter writer = new BulkMessageWriter(client, names, new MessageEnricher(), new ConfigLoader().defaults().elasticsearch())) {
            List<Message> all = new ArrayList<>();
            for (int n = 1; n <= MESSAGES; n++) {
                all.add(message(n, "한빛여고 소문 " + n + "번째 글", T0.plusSeconds(3600), false));
            }
            // Message 300 (posted first) carries a picture whose caption OCR read (the picture itself was never kept).
            all.add(new Message("telegram", "gossip_room", 300, "https://t.me/gossip_room/300", T0, "가명0", "사진 공유", List.of(), null, null,
                    7L, false, false, List.of(new MediaRef(MediaKind.PHOTO, "https://cdn.example.invalid/0.jpg")
                    .withText(ImageText.read("새솔고등학교 2학년 최채원", 91))), T0, "account:kim", String.format("%064x", 300)));
            all.add(message(100, "긴 글의 앞부분 " + "가나다라 ".repeat(80) + " 끝에 나오는 한빛여고 이야기 " + "마바사 ".repeat(80), T0, false));
            writer.writeMessages(all);
            // Message 7 is edited later, then seen deleted: three versions.
            writer.writeMessages(List.of(message(7, "한빛여고 소문 7번째 글 (고쳐 씀)", T0.plusSeconds(7200), true)));
            writer.writeDeletions(List.of(new MessageDeletion("telegram", "gossip_room", 7, T0.plusSeconds(10_800), "account:kim")));
        }
        client.indices().refresh(r -> r.index(names.prefix() + "*"));
        JdbcUsers users = new JdbcUsers(db.dataSource(), 5, Duration.ofMinutes(15), 12);
        users.add("officer.kim", Role.INVESTIGATOR, "a synthetic passphrase", "test");
        audit = new JdbcAuditLog(db.dataSource(), Clock.systemUTC());
        key = EvidenceKey.loadOrCreate(dir.resolve("evidence.key"));
        ApiSecurity security = new ApiSecurity(users, audit, new SecurityConfig(false, Duration.ofMinutes(30), Duration.ofHours(12),
                5, Duration.ofMinutes(15), 12), Clock.systemUTC());
        server = new ApiServer(new ElasticsearchSearchService(client, names), new InMemoryWatcher(), () -> true)
                .withSecurity(security)
                .withImages(new ElasticsearchImageSearch(client, names, ElasticsearchImageSearch.Method.MIH),
                        new ImageHasher(new DecodeLimits(2000, 1_000_000)))
                .withEvidence(new ElasticsearchEvidenceRecords(client, names), () -> key)
                .withMessages(new ElasticsearchMessageViews(client, names, null))
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

    private String csrf() throws Exception {
        return page("/search").selectFirst("#bundle input[name=_csrf]").val();
    }

    private HttpResponse<byte[]> postBundle(String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/evidence")).header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void aHitLeadsToTheWholeMessageWithEveryVersionAndItsPermalink() throws Exception {
        Document results = page("/search?q=" + enc("7번째"));
        var card = results.selectFirst("article.hit[data-id=telegram:gossip_room:7]");
        assertTrue(card != null, results.select("article.hit").toString());
        assertEquals("/messages/telegram%3Agossip_room%3A7", card.selectFirst("a.detail").attr("href"));
        assertEquals("bundle", card.selectFirst("input.pick").attr("form"), "the checkbox belongs to the bundle form");
        assertTrue(card.text().contains("삭제됨"), "a deleted message says so in the list: " + card.text());

        Document message = page("/messages/telegram%3Agossip_room%3A7");
        assertEquals("한빛여고 소문 7번째 글 (고쳐 씀)", message.getElementById("text").text());
        assertEquals("https://t.me/gossip_room/7", message.getElementById("permalink").attr("href"));
        assertEquals("noreferrer noopener", message.getElementById("permalink").attr("rel"));
        String facts = message.getElementById("facts").text();
        assertTrue(facts.contains("가명1") && facts.contains("account:kim") && facts.contains("KST"), facts);
        assertTrue(facts.contains("2026-05-01 12:00 KST"), "the deletion, in Korean time with its zone: " + facts);
        var versions = message.select("#versions tbody tr");
        assertEquals(3, versions.size(), versions.toString());
        assertEquals("한빛여고 소문 7번째 글", versions.get(0).child(1).text());
        assertEquals("한빛여고 소문 7번째 글 (고쳐 씀)", versions.get(1).child(1).text());
        assertTrue(versions.get(2).hasClass("deleted"), versions.get(2).toString());

        HttpResponse<String> missing = get("/messages/telegram%3Agossip_room%3A999");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("telegram:gossip_room:999"), "names what was asked for");
    }

    @Test
    void resultsAreNumberedPagesWithTheTotalAndCompleteSnippets() throws Exception {
        Document first = page("/search?q=" + enc("소문"));
        assertEquals("총 45건 중 1–20번째", first.getElementById("total").ownText().strip());
        List<String> numbers = first.select("nav.pager a, nav.pager span.current").eachText();
        assertEquals(List.of("1", "2", "3", "다음"), numbers);
        Document third = page("/search?q=" + enc("소문") + "&page=3");
        assertEquals("총 45건 중 41–45번째", third.getElementById("total").ownText().strip());
        assertEquals("3", third.selectFirst("nav.pager [aria-current=page]").text());
        assertEquals(5, third.select("article.hit").size());

        // A short message is shown whole: no ellipsis; the school name is one mark, not one per analysed part.
        var shortHit = first.selectFirst("article.hit p");
        assertFalse(shortHit.text().contains("…"), shortHit.text());
        Document school = page("/search?q=" + enc("한빛여고"));
        for (var p : school.select("article.hit p")) {
            for (var mark : p.select("mark")) {
                assertFalse(mark.nextSibling() instanceof org.jsoup.nodes.Element next && next.tagName().equals("mark"),
                        "adjacent marks make one word look like two: " + p);
            }
        }
        var longHit = page("/search?q=" + enc("이야기")).selectFirst("article.hit[data-id=telegram:gossip_room:100] p");
        assertTrue(longHit.text().startsWith("… ") && longHit.text().endsWith(" …"), "a cut fragment says so at both ends: " + longHit.text());
    }

    @Test
    void wordsReadInAPictureAreFoundAndShownAsSuch() throws Exception {
        Document results = page("/search?q=" + enc("최채원"));
        var card = results.selectFirst("article.hit[data-id=telegram:gossip_room:300]");
        assertTrue(card != null, results.select("article.hit").toString());
        var inPicture = card.selectFirst("p.in-picture");
        assertTrue(inPicture != null && inPicture.text().startsWith("그림 속 글자:"), card.toString());
        // Marked as the Korean analyser parts the name (최 + 채원: the given name is the term).
        var mark = inPicture.selectFirst("mark");
        assertTrue(mark != null && !mark.text().isEmpty() && "최채원".contains(mark.text()), inPicture.toString());
        assertEquals("사진 공유", card.select("p").first().text(), "the message's own text stays apart");

        Document message = page("/messages/telegram%3Agossip_room%3A300");
        assertEquals("새솔고등학교 2학년 최채원", message.getElementById("image-text").text());
        assertEquals("그림에서 읽은 글자", message.getElementById("image-text-h").text());
    }

    @Test
    void anEmptySearchSaysWhatItShows() throws Exception {
        Document empty = page("/search?q=&school=&room=");
        assertEquals("검색어와 필터가 없어 최근에 들어온 메시지를 최신순으로 보여 줍니다.", empty.getElementById("empty-search").text());
        assertEquals("telegram:gossip_room:100", empty.selectFirst("article.hit").attr("data-id"), "newest first");
    }

    @Test
    void theExportStreamsEveryMatchNotJustThePage() throws Exception {
        Document results = page("/search?q=" + enc("소문") + "&page=2");
        String href = results.getElementById("export").attr("href");
        assertFalse(href.contains("page="), href);
        HttpResponse<String> csv = get(href);
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("content-type").orElse("").startsWith("text/csv"));
        assertTrue(csv.headers().firstValue("content-disposition").orElse("").contains("filename*=UTF-8''roomwatch-search-"));
        List<String> lines = csv.body().lines().toList();
        assertEquals("\uFEFF" + String.join(",", MessagePages.EXPORT_COLUMNS), lines.get(0));
        assertEquals(MESSAGES + 1, lines.size(), "every match, beyond the 20 on a page");
        Set<String> ids = new TreeSet<>();
        lines.subList(1, lines.size()).forEach(l -> ids.add(l.substring(0, l.indexOf(','))));
        assertEquals(MESSAGES, ids.size());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("telegram:gossip_room:3,telegram:gossip_room,gossip_room,3,")), lines.get(1));
        HttpResponse<String> bad = get("/search/export.csv?q=x&from=yesterday");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("yesterday"), bad.body());
        List<AuditEntry> entries = audit.read(new org.roomwatch.core.security.AuditLog.Filter("officer.kim", "GET /search/export.csv", null, null, 10));
        assertTrue(entries.stream().anyMatch(e -> e.results() != null && e.results() == MESSAGES),
                "the export is audited with its count: " + entries);
    }

    @Test
    void aSelectionBecomesASignedBundleWithTheCaseNumberInItsName() throws Exception {
        String form = "_csrf=" + csrf() + "&m=" + enc("telegram:gossip_room:3") + "&m=" + enc("telegram:gossip_room:30")
                + "&m=" + enc("telegram:gossip_room:3") + "&reason=" + enc("피해자 상담 요청") + "&case=" + enc("서울-2026-17");
        HttpResponse<byte[]> zip = postBundle(form);
        assertEquals(200, zip.statusCode(), new String(zip.body(), StandardCharsets.UTF_8));
        String disposition = zip.headers().firstValue("content-disposition").orElse("");
        assertTrue(disposition.contains("filename*=UTF-8''roomwatch-evidence-%EC%84%9C%EC%9A%B8-2026-17-"), disposition);
        assertTrue(disposition.contains("filename=\"roomwatch-evidence-__-2026-17-"), disposition);
        String records = null;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().equals("records/messages.json")) {
                    records = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        Set<String> ids = new TreeSet<>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(records).forEach(r -> ids.add(r.get("id").asText()));
        assertEquals(Set.of("telegram:gossip_room:3", "telegram:gossip_room:30"), ids, "the duplicate tick counts once: " + records);
        Path file = Files.createTempFile("bundle", ".zip");
        try {
            Files.write(file, zip.body());
            assertTrue(BundleVerifier.verify(file, key.publicKey()).ok());
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void aStaleSelectionIsRefusedWholeNamingWhatIsGoneAndKeepingTheRest() throws Exception {
        String form = "_csrf=" + csrf() + "&m=" + enc("telegram:gossip_room:5") + "&m=" + enc("telegram:gossip_room:404")
                + "&reason=" + enc("확인") + "&case=" + enc("2026-9");
        HttpResponse<byte[]> refused = postBundle(form);
        assertEquals(409, refused.statusCode());
        Document page = Jsoup.parse(new String(refused.body(), StandardCharsets.UTF_8));
        assertTrue(page.selectFirst("[role=alert]").text().contains("telegram:gossip_room:404"), page.text());
        assertEquals(List.of("telegram:gossip_room:5"), page.select("#bundle input.pick[checked]").eachAttr("data-id"),
                "what is still there stays selected for another try");
        assertEquals("확인", page.getElementById("reason").val());
        assertEquals("2026-9", page.getElementById("case").val());

        HttpResponse<byte[]> none = postBundle("_csrf=" + csrf() + "&reason=x");
        assertEquals(400, none.statusCode());
        assertTrue(new String(none.body(), StandardCharsets.UTF_8).contains("선택한 메시지가 없습니다"));
        HttpResponse<byte[]> noReason = postBundle("_csrf=" + csrf() + "&m=" + enc("telegram:gossip_room:5") + "&reason=%20");
        assertEquals(400, noReason.statusCode());
        assertTrue(new String(noReason.body(), StandardCharsets.UTF_8).contains("사유를 적어 주세요"));
        HttpResponse<byte[]> forged = postBundle("m=" + enc("telegram:gossip_room:5") + "&reason=x");
        assertEquals(403, forged.statusCode(), "no bundle without the session's form token");
    }

    @Test
    void aFormSentAfterTheSessionEndedIsKeptThroughTheLoginAndSentAgain() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        FormLogin.logIn(browser, base, "officer.kim", "a synthetic passphrase");
        String csrf = Jsoup.parse(browser.send(HttpRequest.newBuilder(URI.create(base + "/search")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).selectFirst("#bundle input[name=_csrf]").val();
        // The session ends (here: logged out elsewhere) while the officer fills the form.
        browser.send(HttpRequest.newBuilder(URI.create(base + "/logout")).header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> expired = browser.send(HttpRequest.newBuilder(URI.create(base + "/evidence"))
                .header("content-type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf
                        + "&m=" + enc("telegram:gossip_room:4") + "&reason=" + enc("상담 요청") + "&case=" + enc("2026-31"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, expired.statusCode());
        Document again = Jsoup.parse(expired.body());
        assertTrue(again.selectFirst("[role=alert]").text().contains("로그인 시간이 끝나"), again.text());
        assertEquals("/evidence", again.selectFirst("input[name=resume_to]").val());
        assertEquals("telegram:gossip_room:4", again.selectFirst("input[name=resume:m]").val());
        assertTrue(again.select("input[name=resume:_csrf]").isEmpty(), "the old form token is not carried");

        StringBuilder form = new StringBuilder("user=officer.kim&password=" + enc("a synthetic passphrase"));
        for (var input : again.select("form[action=/login] input[type=hidden]")) {
            form.append('&').append(enc(input.attr("name"))).append('=').append(enc(input.val()));
        }
        HttpResponse<String> loggedIn = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("content-type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, loggedIn.statusCode(), loggedIn.body());
        Document resume = Jsoup.parse(loggedIn.body());
        assertEquals("/evidence", resume.getElementById("resume").attr("action"));
        assertTrue(resume.getElementById("resume-fields").text().contains("상담 요청"), "what will be sent is shown");
        StringBuilder resend = new StringBuilder();
        for (var input : resume.select("#resume input[type=hidden]")) {
            resend.append(resend.isEmpty() ? "" : "&").append(enc(input.attr("name"))).append('=').append(enc(input.val()));
        }
        HttpResponse<byte[]> zip = browser.send(HttpRequest.newBuilder(URI.create(base + "/evidence"))
                .header("content-type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(resend.toString())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, zip.statusCode(), new String(zip.body(), StandardCharsets.UTF_8));
        assertTrue(zip.headers().firstValue("content-disposition").orElse("").contains("2026-31"), "nothing typed was lost");
    }

    @Test
    void pagesGoOnPastTheWindowThroughAPointInTime() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        Set<String> seen = new TreeSet<>();
        String next = "";
        int pages = 0;
        while (next != null && pages < 5) {
            HttpResponse<String> r = get("/api/messages?q=" + enc("소문") + "&size=20&cursor=" + enc(next));
            assertEquals(200, r.statusCode(), r.body());
            var body = json.readTree(r.body());
            assertEquals(MESSAGES, body.get("total").asInt());
            body.get("hits").forEach(h -> seen.add(h.get("id").asText()));
            next = body.get("next").isNull() ? null : body.get("next").asText();
            pages++;
        }
        assertEquals(3, pages);
        assertEquals(MESSAGES, seen.size(), "every match once across the walk");
        assertEquals(5, json.readTree(get("/api/messages?q=" + enc("소문") + "&size=20&cursor=&skip=40").body()).get("hits").size());
        HttpResponse<String> bad = get("/api/messages?q=" + enc("소문") + "&cursor=garbage");
        assertEquals(400, bad.statusCode());
        assertEquals("cursor", json.readTree(bad.body()).get("parameter").asText());
        HttpResponse<String> deep = get("/api/messages?q=" + enc("소문") + "&page=501&size=20");
        assertEquals(400, deep.statusCode());
        assertTrue(deep.body().contains("cursor"), "the refusal says how to go deeper: " + deep.body());

        Document second = page("/search?q=" + enc("소문") + "&cursor=&skip=20");
        assertEquals(20, second.select("article.hit").size());
        assertTrue(second.getElementById("total").text().startsWith("총 45건"), second.getElementById("total").text());
        Document last = page(second.getElementById("next").attr("href"));
        assertEquals(5, last.select("article.hit").size());
        assertEquals("마지막 결과입니다.", last.getElementById("end").text());
        HttpResponse<String> expired = get("/search?q=" + enc("소문") + "&cursor=garbage");
        assertEquals(400, expired.statusCode());
        assertTrue(expired.body().contains("이어 보기 주소가 올바르지 않습니다"), expired.body());
    }
}
