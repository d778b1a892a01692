package org.roomwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.roomwatch.core.MessageDeletion;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.config.RoomwatchConfig;
import org.roomwatch.core.security.Role;
import org.roomwatch.indexer.BulkMessageWriter;
import org.roomwatch.indexer.MessageEnricher;
import org.roomwatch.indexer.testing.IndicesExtension;
import org.roomwatch.indexer.testing.TestIndices;
import org.roomwatch.media.DecodeLimits;
import org.roomwatch.media.ImageFingerprint;
import org.roomwatch.media.ImageHasher;
import org.roomwatch.simulator.SimPost;
import org.roomwatch.simulator.SimRoom;
import org.roomwatch.simulator.SyntheticPictures;
import org.roomwatch.simulator.TelegramSite;

/**
 * A known spread in the simulated site, and every number of it checked through the API: her photo first posted in
 * spread_a, forwarded from there to b, c and d, posted again in e and f, forwarded into g from a room never crawled,
 * and one posting deleted; each room with its own audience and posters. The spread answers the totals, the first
 * poster and the graph's edges exactly, and only to those the case names.
 */
@ExtendWith(IndicesExtension.class)
class SpreadFlowTest {
    private static final String PASSWORD = "a synthetic passphrase";
    private static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");
    private static final Path NANUM = Path.of("/usr/share/fonts/truetype/nanum/NanumGothic.ttf");

    @TempDir
    Path dir;
    private final ObjectMapper json = new ObjectMapper();

    /** room -> {post id, audience, views, author, forwarded from}: ids agreeing modulo 11 show the same picture. */
    private static final Map<String, Object[]> POSTINGS = new LinkedHashMap<>();

    static {
        POSTINGS.put("spread_a", new Object[] {3L, 1000L, 900L, "관리자A", null});
        POSTINGS.put("spread_b", new Object[] {14L, 5000L, 400L, "유포1", "spread_a/3"});
        POSTINGS.put("spread_c", new Object[] {25L, 200L, 150L, "유포1", "spread_a/3"});
        POSTINGS.put("spread_d", new Object[] {36L, 300L, 20L, null, "spread_a/3"});
        POSTINGS.put("spread_e", new Object[] {47L, 50L, 55L, "유포2", null});
        POSTINGS.put("spread_f", new Object[] {58L, 70L, 40L, "유포2", null});
        POSTINGS.put("spread_g", new Object[] {69L, 10L, 5L, null, "spread_z/1"});
    }

    @Test
    void theSpreadOfAKnownPostingHistoryCountsEveryThingOnce(TestIndices indices) throws Exception {
        try (TelegramSite site = TelegramSite.start()) {
            StringBuilder rooms = new StringBuilder("rooms:\n");
            POSTINGS.forEach((name, p) -> {
                SimRoom room = new SimRoom(name, "방 " + name, "합성", true, (Long) p[1], true);
                long id = (Long) p[0];
                room.add(new SimPost(1, T0, null, "첫 글", null, null, 1, false, 0, false, null, false));
                room.add(new SimPost(id, T0.plusSeconds(id * 60), (String) p[3], "사진", (String) p[4], null, (Long) p[2], false, 1,
                        false, null, false));
                site.add(room);
                rooms.append("  - name: ").append(name).append("\n    interval: 1s\n");
            });
            Path file = dir.resolve("roomwatch.yml");
            Files.writeString(file, "crawler:\n  telegramBaseUrl: \"" + site.baseUrl() + "\"\n  requestsPerSecondPerHost: 200\n"
                    + "security:\n  evidenceKeyFile: \"" + dir.resolve("keys/evidence.pem") + "\"\n" + rooms);
            RoomwatchConfig config = new ConfigLoader().load(file, Map.of(
                    "ROOMWATCH_ELASTICSEARCH_URL", indices.url().toString(),
                    "ROOMWATCH_ELASTICSEARCH_INDEXPREFIX", indices.prefix(),
                    "ROOMWATCH_DATABASE_JDBCURL", "jdbc:h2:file:" + dir.resolve("db"),
                    "ROOMWATCH_SECURITY_COOKIESECURE", "false",
                    "ROOMWATCH_API_PORT", "0"));
            try (Roomwatch app = Roomwatch.start(config, Set.of(ProcessRole.CRAWLER, ProcessRole.API))) {
                app.users().add("counselor.han", Role.ANALYST, PASSWORD, "test");
                app.users().add("analyst.lee", Role.ANALYST, PASSWORD, "test");
                String base = "http://127.0.0.1:" + app.apiPort();
                ApiSession counselor = ApiSession.login(base, "counselor.han", PASSWORD);
                Map<String, Long> last = new LinkedHashMap<>();
                POSTINGS.forEach((name, p) -> last.put(name, (Long) p[0]));
                SiteCrawls.awaitCrawled(app, last);
                SiteCrawls.awaitMediaPosts(counselor, base, POSTINGS.size());

                // One posting deleted, as an account sees it happen (public pages do not say).
                try (BulkMessageWriter writer = new BulkMessageWriter(indices.client(), indices.names(), new MessageEnricher(),
                        new ConfigLoader().defaults().elasticsearch())) {
                    writer.writeDeletions(List.of(new MessageDeletion("telegram", "spread_e", 47, T0.plusSeconds(86_400), "test")));
                }
                // Every index: the case's photos are found in media first, audiences in rooms, and each index refreshes
                // on its own second, so a posting searchable in messages may not yet be in media (the rehearsal once saw 3 of 7).
                indices.client().indices().refresh(r -> r.index(indices.names().all()));

                ImageFingerprint her = new ImageHasher(DecodeLimits.DEFAULT).hash(SyntheticPictures.png(3 % 11 * 31, false), false);
                ObjectNode body = json.createObjectNode();
                body.put("caseNumber", "2026-광주-0031");
                body.put("counselor", "상담사 한가람");
                body.put("consentNote", "피해자 본인이 동의함 (합성 자료)");
                ObjectNode photo = body.putArray("photos").addObject();
                photo.put("pdq", her.pdq().hex()).put("quality", her.quality()).put("md5", her.digests().md5())
                        .put("sha256", her.digests().sha256());
                assertEquals(201, counselor.post(base + "/api/cases", body.toString()).statusCode());

                String path = "/api/cases/" + URLEncoder.encode("2026-광주-0031", StandardCharsets.UTF_8) + "/spread";
                JsonNode spread = json.readTree(counselor.get(base + path).body());
                JsonNode t = spread.path("totals");
                assertEquals(7, t.path("rooms").asInt(), spread.toString());
                assertEquals(7, t.path("postings").asInt());
                // An unsigned channel post is the channel's own (t.me names the channel as its author): d and g count as theirs.
                assertEquals(5, t.path("distinctPosters").asInt(), "관리자A, 유포1, 유포2, and channels d and g");
                assertEquals(0, t.path("postingsWithoutPoster").asInt());
                assertEquals(1000 + 5000 + 200 + 300 + 50 + 70 + 10, t.path("audienceUpperBound").asLong());
                assertEquals(0, t.path("roomsWithUnknownAudience").asInt());
                assertEquals(900 + 400 + 150 + 20 + 55 + 40 + 5, t.path("views").asLong());
                assertEquals(6, t.path("online").asInt());
                assertEquals(1, t.path("deleted").asInt());
                assertEquals("telegram:spread_a", spread.path("first").path("roomId").asText());
                assertEquals("author:관리자A", spread.path("first").path("poster").asText());
                assertEquals(64, spread.path("first").path("rawSha256").asText().length(), "each posting names its raw payload");

                Set<String> edges = new HashSet<>();
                spread.path("edges").forEach(e -> edges.add(e.path("from").asText() + ">" + e.path("to").asText() + ":" + e.path("kind").asText()));
                assertEquals(Set.of("telegram:spread_a>telegram:spread_b:forward", "telegram:spread_a>telegram:spread_c:forward",
                        "telegram:spread_a>telegram:spread_d:forward", "telegram:spread_a>telegram:spread_e:shared",
                        "telegram:spread_a>telegram:spread_f:shared", "telegram:spread_z>telegram:spread_g:forward"), edges);
                JsonNode unwatched = null;
                for (JsonNode node : spread.path("rooms")) {
                    if (node.path("roomId").asText().equals("telegram:spread_z")) {
                        unwatched = node;
                    }
                }
                assertTrue(unwatched != null && !unwatched.path("watched").asBoolean(), "an origin never crawled: " + spread.path("rooms"));

                // Need to know: another analyst learns nothing, not even that the case exists; a wrong number is a 404.
                ApiSession other = ApiSession.login(base, "analyst.lee", PASSWORD);
                assertEquals(404, other.get(base + path).statusCode());
                assertEquals(404, counselor.get(base + "/api/cases/no-such-case/spread").statusCode());
                assertEquals(400, counselor.get(base + path + "?format=pdf").statusCode(), "an unknown parameter is named");

                // Further victims: what a room or a poster posted, in near-duplicate clusters; her case is named to the
                // counselor, and to nobody else.
                JsonNode fromB = json.readTree(counselor.get(base + "/api/clusters?room=telegram:spread_b").body());
                assertEquals(1, fromB.path("clusters").size(), fromB.toString());
                assertEquals("2026-광주-0031", fromB.path("clusters").get(0).path("cases").get(0).asText());
                JsonNode byPoster = json.readTree(counselor.get(base + "/api/clusters?poster="
                        + URLEncoder.encode("author:유포1", StandardCharsets.UTF_8)).body());
                assertEquals(1, byPoster.path("clusters").size(), "her photo's copies in b and c are one cluster: " + byPoster);
                assertEquals(0, json.readTree(other.get(base + "/api/clusters?room=telegram:spread_b").body())
                        .path("clusters").get(0).path("cases").size(), "another analyst sees the cluster, not the case");
                assertEquals(400, counselor.get(base + "/api/clusters?room=telegram:spread_b&poster=author:x").statusCode());
                assertEquals(400, counselor.get(base + "/api/clusters?poster=somebody").statusCode());

                // The page: the same totals and every posting; the charts' data in a JSON block, the library from here.
                org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(counselor.get(base + "/cases/"
                        + URLEncoder.encode("2026-광주-0031", StandardCharsets.UTF_8) + "/spread").body());
                assertEquals(7, page.select("#postings tbody tr").size(), page.toString());
                assertTrue(page.selectFirst("#totals").text().contains("≤ " + (1000 + 5000 + 200 + 300 + 50 + 70 + 10)), page.selectFirst("#totals").text());
                assertEquals(7, json.readTree(page.getElementById("spread-data").data()).path("spread").path("postings").size());
                assertTrue(page.select("script[src]").eachAttr("src").containsAll(List.of("/static/echarts.min.js", "/static/spread-page.js")));
                assertTrue(counselor.get(base + "/static/echarts.min.js").body().length() > 500_000, "ECharts is served from here");
                assertEquals(404, other.get(base + "/cases/" + URLEncoder.encode("2026-광주-0031", StandardCharsets.UTF_8) + "/spread").statusCode());
                // The report for court: a PDF whose text (extracted here) says the same, with every posting's evidence. It
                // embeds a Korean font from a Debian package: without it the report is refused, naming the package.
                if (!Files.isReadable(NANUM)) {
                    HttpResponse<String> refused = counselor.get(base + "/api/cases/" + URLEncoder.encode("2026-광주-0031", StandardCharsets.UTF_8) + "/report");
                    assertEquals(503, refused.statusCode(), refused.body());
                    assertTrue(refused.body().contains("apt-get install fonts-nanum"), refused.body());
                    if (System.getenv("CI") != null) {
                        throw new AssertionError("under CI the report's font must be installed: " + NANUM);
                    }
                    System.out.println("SKIPPED the spread report and its place in the bundle: " + NANUM + " is not installed (apt-get install fonts-nanum)");
                    return;
                }
                HttpResponse<byte[]> report = counselor.client().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base
                        + "/api/cases/" + URLEncoder.encode("2026-광주-0031", StandardCharsets.UTF_8) + "/report")).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, report.statusCode(), new String(report.body(), StandardCharsets.UTF_8));
                assertTrue(report.headers().firstValue("content-type").orElse("").startsWith("application/pdf"), report.headers().toString());
                try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(report.body())) {
                    String text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
                    assertTrue(text.contains("사건 2026-광주-0031") && text.contains("상담사 한가람"), text);
                    assertTrue(text.contains("방 7 · 게시 7 · 서로 다른 게시자 5"), text);
                    assertTrue(text.contains("도달 가능 인원 상한 " + (1000 + 5000 + 200 + 300 + 50 + 70 + 10)), text);
                    assertTrue(text.contains("남아 있음 6 / 삭제됨 1"), text);
                    assertTrue(text.contains("최초 게시: telegram:spread_a #3") && text.contains("author:관리자A"), text);
                    for (JsonNode posting : spread.path("postings")) {
                        assertTrue(text.contains(posting.path("permalink").asText()), "every posting's permalink: " + posting);
                        assertTrue(text.contains(posting.path("rawSha256").asText()), "and its raw payload's SHA-256");
                    }
                    pdf.getPages().forEach(pg -> pg.getResources().getFontNames().forEach(name -> {
                        try {
                            assertTrue(pg.getResources().getFont(name).isEmbedded(), "the Korean font travels with the report");
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }));
                }
                // A bundle of the whole case carries the report, listed in the signed manifest like every other file.
                HttpResponse<byte[]> bundle = counselor.client().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/cases/"
                        + URLEncoder.encode("2026-광주-0031", StandardCharsets.UTF_8) + "/evidence"))
                        .header("content-type", "application/x-www-form-urlencoded").header("X-CSRF-Token", counselor.csrf())
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("reason=" + URLEncoder.encode("검찰 송치", StandardCharsets.UTF_8)))
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, bundle.statusCode(), new String(bundle.body(), StandardCharsets.UTF_8));
                Path zip = Files.write(dir.resolve("bundle.zip"), bundle.body());
                try (java.nio.file.FileSystem fs = java.nio.file.FileSystems.newFileSystem(zip)) {
                    assertTrue(Files.size(fs.getPath("reports/spread.pdf")) > 1000);
                    assertTrue(Files.readString(fs.getPath("manifest.json")).contains("reports/spread.pdf"));
                }
                CommandRun verified = CommandRun.of("evidence", "verify", zip.toString());
                assertTrue(verified.out().contains("signature valid"), verified.out() + verified.err());

                // A case seen nowhere: its report says so (and its spread is empty), rather than failing.
                ObjectNode unseen = body.deepCopy().put("caseNumber", "2026-광주-0032");
                ((ObjectNode) unseen.path("photos").get(0)).put("pdq", "ab".repeat(32)).put("md5", "cd".repeat(16)).put("sha256", "ef".repeat(32));
                assertEquals(201, counselor.post(base + "/api/cases", unseen.toString()).statusCode());
                byte[] empty = counselor.client().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/cases/"
                        + URLEncoder.encode("2026-광주-0032", StandardCharsets.UTF_8) + "/report")).build(),
                        HttpResponse.BodyHandlers.ofByteArray()).body();
                try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(empty)) {
                    assertTrue(new org.apache.pdfbox.text.PDFTextStripper().getText(pdf).contains("어디에서도 발견되지 않았습니다"));
                }
                assertEquals(404, other.client().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/cases/"
                        + URLEncoder.encode("2026-광주-0031", StandardCharsets.UTF_8) + "/report")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode(), "outside the case: as if it did not exist");
                if (Files.isExecutable(Path.of("/usr/bin/chromium")) && Files.isExecutable(Path.of("/usr/bin/chromedriver"))) {
                    drawnInABrowser(base, "/cases/" + URLEncoder.encode("2026-광주-0031", StandardCharsets.UTF_8) + "/spread");
                } else if (System.getenv("CI") != null) {
                    throw new AssertionError("Chromium is required under CI to see the spread's pictures drawn");
                } else {
                    System.out.println("SKIPPED the spread page in a browser: Chromium is not installed (apt-get install chromium chromium-driver)");
                }
            }
        }
    }

    /** The spread page in Chromium: both pictures drawn by ECharts under the page's CSP, nothing serious for axe. */
    private static void drawnInABrowser(String base, String path) throws Exception {
        org.openqa.selenium.WebDriver driver = Browser.open();
        try {
            Browser.logIn(driver, base, "counselor.han", PASSWORD);
            driver.get(base + path);
            new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(30)).until(
                    d -> "drawn".equals(d.findElement(org.openqa.selenium.By.tagName("body")).getAttribute("data-charts")));
            for (String id : List.of("timeline", "graph")) {
                assertEquals(1, driver.findElements(org.openqa.selenium.By.cssSelector("#" + id + " canvas")).size(), id + " is drawn");
            }
            assertTrue(Browser.seriousViolations(driver).isEmpty(), Browser.seriousViolations(driver).toString());
            Browser.shoot(driver, "case-spread");
        } finally {
            driver.quit();
        }
    }
}
