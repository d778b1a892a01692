package org.roomwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.config.RoomwatchConfig;
import org.roomwatch.core.security.Role;
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
 * A case opened from a victim's photos' hashes (as the case page computes them in the browser): matched at once
 * against everything crawled, with every room and message where her photo appears; exported; watched, so a new
 * posting of the photo raises an alert for the counselor; and every way of getting the request wrong refused with
 * nothing created.
 */
@ExtendWith(IndicesExtension.class)
class CaseFlowTest {
    private static final String PASSWORD = "a synthetic passphrase";
    private static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");

    @TempDir
    Path dir;
    private final ObjectMapper json = new ObjectMapper();
    private final ImageHasher hasher = new ImageHasher(DecodeLimits.DEFAULT);

    @Test
    void aCaseFindsEveryPlaceHerPhotoAppearsAndWatchesForMore(TestIndices indices) throws Exception {
        try (TelegramSite site = TelegramSite.start()) {
            // Posts whose ids agree modulo 11 show the same synthetic picture (see TelegramSite.generatedImage).
            SimRoom first = room("case_room_a", 3, 9);
            SimRoom second = room("case_room_b", 25);
            site.add(first);
            site.add(second);
            Path file = dir.resolve("roomwatch.yml");
            Files.writeString(file, "crawler:\n  telegramBaseUrl: \"" + site.baseUrl() + "\"\n  requestsPerSecondPerHost: 100\n"
                    + "security:\n  evidenceKeyFile: \"" + dir.resolve("keys/evidence.pem") + "\"\n"
                    + "retention:\n  messages: 365d\n  media: 365d\n  alerts: 365d\n"
                    + "rooms:\n  - name: case_room_a\n    interval: 1s\n  - name: case_room_b\n    interval: 1s\n");
            RoomwatchConfig config = new ConfigLoader().load(file, Map.of(
                    "ROOMWATCH_ELASTICSEARCH_URL", indices.url().toString(),
                    "ROOMWATCH_ELASTICSEARCH_INDEXPREFIX", indices.prefix(),
                    "ROOMWATCH_DATABASE_JDBCURL", "jdbc:h2:file:" + dir.resolve("db"),
                    "ROOMWATCH_SECURITY_COOKIESECURE", "false",
                    "ROOMWATCH_API_PORT", "0"));
            try (Roomwatch app = Roomwatch.start(config, Set.of(ProcessRole.CRAWLER, ProcessRole.API))) {
                app.users().add("counselor.han", Role.ANALYST, PASSWORD, "test");
                app.users().add("officer.kim", Role.INVESTIGATOR, PASSWORD, "test");
                String base = "http://127.0.0.1:" + app.apiPort();
                ApiSession counselor = session(base, "counselor.han");
                ApiSession officer = session(base, "officer.kim");
                awaitCrawled(app);

                // Her photo is post 3's picture; a flat grey photo has too little detail for near-duplicate matching.
                ObjectNode herPhoto = photo(SyntheticPictures.png(3 % 11 * 31, false));
                awaitSearchable(counselor, base, herPhoto.path("pdq").asText());
                ObjectNode body = caseBody("2026-서울-0001", herPhoto, photo(flatPng()));
                HttpResponse<String> opened = counselor.post(base + "/api/cases", body.toString());
                assertEquals(201, opened.statusCode(), opened.body());
                JsonNode result = json.readTree(opened.body());
                assertEquals(List.of("사진 2"), texts(result.path("weakPhotos")));
                JsonNode found = result.path("results");
                assertEquals(Set.of("telegram:case_room_a", "telegram:case_room_b"), set(found.path("rooms"), "roomId"));
                assertEquals(Set.of("case_room_a/3", "case_room_b/25"), sightings(found.path("shownMessages")));
                for (JsonNode room : found.path("rooms")) {
                    assertEquals("사진 1", room.path("photos").get(0).asText());
                    assertTrue(room.path("bestDistance").asInt() <= 31, room.toString());
                    assertTrue(room.hasNonNull("firstSeen") && room.hasNonNull("lastSeen") && room.hasNonNull("lastCaptured"), room.toString());
                    assertTrue(room.path("title").asText().startsWith("방 "), "the room's state comes from the rooms index: " + room);
                }
                String number = URLEncoder.encode("2026-서울-0001", StandardCharsets.UTF_8);
                JsonNode again = json.readTree(counselor.get(base + "/api/cases/" + number).body());
                assertEquals(2, again.path("messages").asInt(), again.toString());

                // The export: every sighting, as CSV and as JSON lines.
                HttpResponse<String> csv = counselor.get(base + "/api/cases/" + number + "/export?format=csv");
                assertEquals(200, csv.statusCode(), csv.body());
                List<String> lines = csv.body().lines().toList();
                assertEquals(3, lines.size(), csv.body());
                assertTrue(lines.get(0).startsWith("\uFEFFcase,photo,matched_by,distance,image_sha256"), lines.get(0));
                assertTrue(lines.stream().skip(1).allMatch(l -> l.startsWith("2026-서울-0001,사진 1,")), csv.body());
                assertEquals(2, counselor.get(base + "/api/cases/" + number + "/export?format=jsonl").body().lines().count());
                assertEquals(400, counselor.get(base + "/api/cases/" + number + "/export?format=xlsx").statusCode());

                // The case's page: its rooms, and a case nothing matches says so.
                String page = counselor.get(base + "/cases/" + number).body();
                assertTrue(page.contains("id=\"rooms\"") && page.contains("case_room_b"), page);
                // Issue 19: the messages themselves (each opens the whole message), the takedown lists, and files that
                // keep the Korean case number in their names.
                org.jsoup.nodes.Document casePage = org.jsoup.Jsoup.parse(page);
                assertEquals(Set.of("telegram:case_room_a:3", "telegram:case_room_b:25"),
                        new HashSet<>(casePage.select("#case-messages tbody tr").eachAttr("data-id")));
                assertEquals("/messages/telegram%3Acase_room_a%3A3",
                        casePage.selectFirst("#case-messages tr[data-id=telegram:case_room_a:3] a").attr("href"));
                String takedownLink = casePage.getElementById("takedown-csv").attr("href");
                HttpResponse<String> takedownFromPage = counselor.get(base + takedownLink);
                assertEquals(200, takedownFromPage.statusCode(), takedownFromPage.body());
                assertTrue(csv.headers().firstValue("content-disposition").orElse("")
                        .contains("filename*=UTF-8''case-2026-%EC%84%9C%EC%9A%B8-0001.csv"), csv.headers().toString());
                // The whole case as one signed bundle, gathered on the server.
                HttpResponse<byte[]> caseBundle = counselor.client().send(HttpRequest.newBuilder(URI.create(base + "/cases/" + number + "/evidence"))
                        .header("content-type", "application/x-www-form-urlencoded").header("X-CSRF-Token", counselor.csrf())
                        .POST(HttpRequest.BodyPublishers.ofString("reason=" + URLEncoder.encode("검찰 송치", StandardCharsets.UTF_8))).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, caseBundle.statusCode(), new String(caseBundle.body(), StandardCharsets.UTF_8));
                assertTrue(caseBundle.headers().firstValue("content-disposition").orElse("")
                        .contains("filename*=UTF-8''roomwatch-evidence-2026-%EC%84%9C%EC%9A%B8-0001-"), caseBundle.headers().toString());
                String bundled = null;
                try (var zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(caseBundle.body()))) {
                    for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                        if (e.getName().equals("records/messages.json")) {
                            bundled = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                        }
                    }
                }
                assertEquals(Set.of("telegram:case_room_a:3", "telegram:case_room_b:25"), set(json.readTree(bundled), "id"));
                assertEquals(403, officer.send(HttpRequest.newBuilder(URI.create(base + "/cases/" + number + "/evidence"))
                        .header("content-type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("reason=x"))).statusCode(), "an investigator makes no case bundle");
                // The case list: hers, and not another analyst's.
                app.users().add("analyst.lee", Role.ANALYST, PASSWORD, "test");
                assertTrue(org.jsoup.Jsoup.parse(counselor.get(base + "/cases").body()).select("#cases tbody tr").eachAttr("data-case")
                        .contains("2026-서울-0001"));
                assertTrue(org.jsoup.Jsoup.parse(session(base, "analyst.lee").get(base + "/cases").body()).select("#cases tbody tr").isEmpty(),
                        "need to know: a case another analyst opened is not listed");
                HttpResponse<String> unseen = counselor.post(base + "/api/cases", caseBody("2026-서울-0002",
                        photo(SyntheticPictures.png(999_999, false))).toString());
                assertEquals(201, unseen.statusCode(), unseen.body());
                assertEquals(0, json.readTree(unseen.body()).path("results").path("messages").asInt());
                assertTrue(counselor.get(base + "/cases/2026-%EC%84%9C%EC%9A%B8-0002").body().contains("id=\"no-matches\""));

                // What users get wrong: each refused by name, and nothing created.
                assertProblem(counselor.post(base + "/api/cases", body.toString()), 409, "caseNumber");
                ObjectNode badHash = caseBody("2026-서울-0003", photo(flatPng()));
                ((ObjectNode) badHash.path("photos").get(0)).put("pdq", "zz");
                assertProblem(counselor.post(base + "/api/cases", badHash.toString()), 400, "photos[0].pdq");
                ObjectNode noConsent = caseBody("2026-서울-0003", photo(flatPng()));
                noConsent.remove("consentNote");
                assertProblem(counselor.post(base + "/api/cases", noConsent.toString()), 400, "consentNote");
                ObjectNode extra = caseBody("2026-서울-0003", photo(flatPng()));
                extra.put("image", "iVBORw0KGgo=");
                assertProblem(counselor.post(base + "/api/cases", extra.toString()), 400, "image");
                ObjectNode bytesInPhoto = caseBody("2026-서울-0003", photo(flatPng()));
                ((ObjectNode) bytesInPhoto.path("photos").get(0)).put("data", "iVBORw0KGgo=");
                assertProblem(counselor.post(base + "/api/cases", bytesInPhoto.toString()), 400, "photos[0].data");
                assertProblem(counselor.post(base + "/api/cases", caseBody("2026/서울", photo(flatPng())).toString()), 400, "caseNumber");
                assertProblem(counselor.post(base + "/api/cases", caseBody("2026-서울-0003").toString()), 400, "photos");
                assertEquals(400, counselor.send(HttpRequest.newBuilder(URI.create(base + "/api/cases")).header("content-type", "image/png")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(flatPng()))).statusCode(), "a photo itself is refused");
                assertEquals(403, officer.post(base + "/api/cases", caseBody("2026-서울-0003", photo(flatPng())).toString()).statusCode());
                assertEquals(2, json.readTree(counselor.get(base + "/api/cases").body()).path("cases").size(), "only the two good cases");

                // Takedown lists for the deletion center: the case's images found in rooms and its own photo hashes.
                String set = result.path("case").path("hashSet").asText();

                // Need to know: the case is the counselor's. Another analyst and the officer see nothing of it, not even
                // that it exists; only an admin can name another analyst on it, who then sees it.
                app.users().add("counselor.yoon", Role.ANALYST, PASSWORD, "test");
                app.users().add("admin.cho", Role.ADMIN, PASSWORD, "test");
                ApiSession other = session(base, "counselor.yoon");
                ApiSession caseAdmin = session(base, "admin.cho");
                String watchlistId = result.path("case").path("watchlistId").asText();
                for (String path : List.of("/api/cases/" + number, "/api/cases/" + number + "/export?format=csv", "/cases/" + number,
                        "/api/takedown?set=" + set, "/api/hashsets/" + set, "/api/hashsets/" + set + "/matches",
                        "/api/watchlists/" + watchlistId, "/api/watchlists/" + watchlistId + "/audit")) {
                    assertEquals(404, other.get(base + path).statusCode(), "another analyst: " + path);
                }
                assertEquals(404, other.post(base + "/api/watchlists/" + watchlistId + "/rules",
                        "{\"kind\": \"term\", \"value\": \"지인능욕\"}").statusCode(), "nor change the case's watchlist");
                assertEquals(404, other.send(HttpRequest.newBuilder(URI.create(base + "/api/hashsets/" + set)).DELETE()).statusCode(),
                        "nor delete her hash set (which would silence her alerts and lift her retention hold)");
                assertEquals(0, json.readTree(other.get(base + "/api/cases").body()).path("cases").size());
                assertFalse(other.get(base + "/api/hashsets").body().contains(set));
                assertFalse(other.get(base + "/api/watchlists").body().contains(watchlistId));
                assertEquals(404, officer.get(base + "/api/hashsets/" + set).statusCode(), "an investigator does not read a case's set");
                assertEquals(404, officer.get(base + "/api/hashsets/" + set + "/matches").statusCode());
                assertEquals(403, other.post(base + "/api/cases/" + number + "/members", "{\"user\": \"counselor.yoon\"}").statusCode(),
                        "an analyst cannot name herself on a case");
                HttpResponse<String> named = caseAdmin.post(base + "/api/cases/" + number + "/members", "{\"user\": \"counselor.yoon\"}");
                assertEquals(201, named.statusCode(), named.body());
                assertEquals(List.of("counselor.han", "counselor.yoon"), texts(json.readTree(named.body()).path("members")));
                assertEquals(200, other.get(base + "/api/cases/" + number).statusCode(), "named on the case, she sees it");
                assertEquals(200, other.get(base + "/api/takedown?set=" + set).statusCode());
                assertEquals(1, json.readTree(other.get(base + "/api/cases").body()).path("cases").size());
                assertEquals(404, caseAdmin.post(base + "/api/cases/no-such-case/members", "{\"user\": \"counselor.yoon\"}").statusCode());
                assertProblem(caseAdmin.post(base + "/api/cases/" + number + "/members", "{}"), 400, "user");
                JsonNode takedown = json.readTree(counselor.get(base + "/api/takedown?set=" + set).body());
                Set<String> signals = new HashSet<>();
                for (JsonNode record : takedown.path("records")) {
                    assertEquals(List.of("2026-서울-0001"), texts(record.path("caseNumbers")), record.toString());
                    signals.add(record.path("source").asText() + ":" + record.path("signalType").asText());
                    assertTrue(record.path("hashValue").asText().matches("[0-9a-f]{32}|[0-9a-f]{64}"), record.toString());
                }
                assertEquals(Set.of("indexed:pdq", "indexed:md5", "indexed:sha256", "listed:pdq", "listed:md5", "listed:sha256"), signals);
                List<String> takedownCsv = counselor.get(base + "/api/takedown?set=" + set + "&format=csv").body().lines().toList();
                assertEquals("\uFEFFsource,pdq,md5,sha256,first_seen,last_seen,rooms,case_numbers,kind,vpdq", takedownCsv.get(0));
                assertTrue(takedownCsv.stream().anyMatch(l -> l.startsWith("indexed,") && l.contains("telegram:case_room_")), takedownCsv.toString());
                assertEquals(2, takedownCsv.stream().filter(l -> l.startsWith("listed,")).count(), "one row per photo of the case");
                String searched = counselor.get(base + "/api/takedown?format=csv&pdq=" + herPhoto.path("pdq").asText()).body();
                assertTrue(searched.contains("telegram:case_room_a") && searched.contains("telegram:case_room_b"), searched);
                assertProblem(counselor.get(base + "/api/takedown?set=" + set + "&pdq=" + herPhoto.path("pdq").asText()), 400, "pdq");
                assertProblem(counselor.get(base + "/api/takedown"), 400, "set");
                assertProblem(counselor.get(base + "/api/takedown?set=" + set + "&format=xml"), 400, "format");
                assertEquals(404, counselor.get(base + "/api/takedown?set=no-such-set").statusCode());

                // An evidence bundle of the two messages and their rooms, for the prosecutor: signed, verifiable, audited.
                app.users().add("admin.lee", Role.ADMIN, PASSWORD, "test");
                ApiSession admin = session(base, "admin.lee");
                String selection = "{\"messages\": [\"telegram:case_room_a:3\", \"telegram:case_room_b:25\"],"
                        + " \"rooms\": [\"telegram:case_room_a\", \"telegram:case_room_b\"], \"case\": \"2026-서울-0001\","
                        + " \"reason\": \"검찰 요청 (합성)\"}";
                HttpResponse<byte[]> zip = officer.client().send(HttpRequest.newBuilder(URI.create(base + "/api/evidence"))
                        .header("content-type", "application/json").header("X-CSRF-Token", officer.csrf())
                        .POST(HttpRequest.BodyPublishers.ofString(selection)).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, zip.statusCode(), new String(zip.body(), StandardCharsets.UTF_8));
                assertTrue(zip.headers().firstValue("content-type").orElse("").startsWith("application/zip"));
                Path bundle = Files.write(dir.resolve("bundle.zip"), zip.body());
                CommandRun verified = CommandRun.of("evidence", "verify", bundle.toString());
                assertEquals(3, verified.code(), "intact, but signed by the key inside the bundle, which proves nothing: " + verified.err());
                assertTrue(verified.out().contains("bundle intact: signature valid, 6 files match the manifest"), verified.out());
                assertTrue(verified.err().contains("NOT verified"), verified.err());
                CommandRun published = CommandRun.of("evidence", "key", "--config", file.toString());
                Path publicKey = Files.writeString(dir.resolve("published.pem"), published.out().substring(published.out().indexOf("-----BEGIN")));
                assertEquals(0, CommandRun.of("evidence", "verify", bundle.toString(), "--key", publicKey.toString()).code());
                String fingerprint = published.out().lines().findFirst().orElseThrow().substring("fingerprint ".length());
                assertEquals(0, CommandRun.of("evidence", "verify", bundle.toString(), "--fingerprint", fingerprint).code());
                CommandRun otherPin = CommandRun.of("evidence", "verify", bundle.toString(), "--fingerprint", "SHA256:not-ours");
                assertEquals(3, otherPin.code());
                assertTrue(otherPin.err().contains("not the fingerprint given"), otherPin.err());
                try (java.nio.file.FileSystem fs = java.nio.file.FileSystems.newFileSystem(bundle)) {
                    String messages = Files.readString(fs.getPath("records/messages.json"));
                    assertTrue(messages.contains("\"raw_sha256\"") && messages.contains("/case_room_b/25"), messages);
                    Path inBundle = fs.getPath("records/messages.csv");
                    byte[] bytes = Files.readAllBytes(inBundle);
                    bytes[bytes.length - 3] ^= 1; // one altered byte
                    Files.write(inBundle, bytes);
                }
                CommandRun altered = CommandRun.of("evidence", "verify", bundle.toString());
                assertEquals(1, altered.code());
                assertTrue(altered.err().contains("records/messages.csv: altered"), altered.err());
                HttpResponse<String> partial = officer.post(base + "/api/evidence",
                        "{\"messages\": [\"telegram:case_room_a:3\", \"telegram:case_room_a:999\"], \"reason\": \"x\"}");
                assertEquals(404, partial.statusCode(), "no partial bundles: " + partial.body());
                assertTrue(partial.body().contains("telegram:case_room_a:999"), partial.body());
                assertProblem(officer.post(base + "/api/evidence", "{\"messages\": [\"telegram:case_room_a:3\"]}"), 400, "reason");
                assertProblem(officer.post(base + "/api/evidence", "{\"reason\": \"x\"}"), 400, "messages");
                String audit = admin.get(base + "/api/audit?action=POST%20/api/evidence").body();
                assertTrue(audit.contains("bundle manifest sha256 ") && audit.contains("signed by "), audit);

                // Her photo posted again (post 36 shows post 3's picture): the case's watchlist raises an alert.
                String watchlist = result.path("case").path("watchlistId").asText();
                first.add(new SimPost(36, T0.plusSeconds(36), null, "다시 올림", null, null, 0, false, 1, false, null, false));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                JsonNode alerts = null;
                while (System.nanoTime() < deadline) {
                    alerts = json.readTree(counselor.get(base + "/api/alerts?watchlist=" + watchlist).body());
                    if (alerts.toString().contains("/case_room_a/36\"")) {
                        break;
                    }
                    Thread.sleep(300);
                }
                assertTrue(alerts != null && alerts.toString().contains("/case_room_a/36\""), "an alert for the new posting: " + alerts);

                // Retention a year and a month later: everything has expired, but what the case holds stays.
                var es = indices.client();
                var names = indices.names();
                es.indices().refresh(r -> r.index(names.messages(), names.media(), names.alerts()));
                long messagesBefore = es.count(c -> c.index(names.messages())).count();
                var swept = app.retention().runOnce(Instant.now().plus(java.time.Duration.ofDays(400)));
                assertEquals(3, swept.size());
                Set<String> kept = new HashSet<>();
                es.search(r -> r.index(names.messages()).size(100), Map.class).hits().hits().forEach(h -> kept.add(h.id()));
                assertEquals(Set.of("telegram:case_room_a:3", "telegram:case_room_a:36", "telegram:case_room_b:25"), kept,
                        "only the messages carrying her photo are kept");
                assertEquals(messagesBefore - 3, swept.get(0).deleted());
                assertEquals(3, swept.get(0).keptForCases());
                assertEquals(3, es.count(c -> c.index(names.messageVersions())).count(), "the deleted messages' versions went with them");
                assertEquals(2, es.count(c -> c.index(names.media())).count(), "only her photo's two copies are kept");
                assertTrue(es.count(c -> c.index(names.alerts())).count() >= 1, "the case's alert is kept");
                String sweeps = admin.get(base + "/api/audit?actor=roomwatch").body();
                assertTrue(sweeps.contains("RETENTION " + names.messages()) && sweeps.contains("held by case(s) ") && sweeps.contains("2026-서울-0001"), sweeps);
            }
        }
    }

    private static SimRoom room(String name, long... photoPosts) {
        SimRoom room = new SimRoom(name, "방 " + name.substring(10), "합성", false, 30, true);
        Set<Long> photos = new HashSet<>();
        for (long p : photoPosts) {
            photos.add(p);
        }
        long last = java.util.Arrays.stream(photoPosts).max().orElse(1) + 2;
        for (long id = 1; id <= last; id++) {
            room.add(new SimPost(id, T0.plusSeconds(id), null, "가상중학교 글 " + id, null, null, 0, false,
                    photos.contains(id) ? 1 : 0, false, null, false));
        }
        return room;
    }

    private ObjectNode caseBody(String number, ObjectNode... photos) {
        // (photos hashed here in Java stand in for the page's JavaScript, whose agreement BrowserTest checks)
        ObjectNode body = json.createObjectNode();
        body.put("caseNumber", number);
        body.put("counselor", "상담사 한가람");
        body.put("consentNote", "피해자 본인이 해시 등록과 삭제 요청에 동의함 (합성 자료)");
        ArrayNode list = body.putArray("photos");
        for (ObjectNode p : photos) {
            list.add(p);
        }
        return body;
    }

    private ObjectNode photo(byte[] bytes) throws Exception {
        ImageFingerprint f = hasher.hash(bytes, false);
        ObjectNode photo = json.createObjectNode();
        photo.put("pdq", f.pdq().hex());
        photo.put("quality", f.quality());
        photo.put("md5", f.digests().md5());
        photo.put("sha256", f.digests().sha256());
        return photo;
    }

    private static byte[] flatPng() throws Exception {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(128, 128, 128));
        g.fillRect(0, 0, 64, 64);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private void assertProblem(HttpResponse<String> response, int status, String parameter) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(parameter, json.readTree(response.body()).path("parameter").asText(), response.body());
    }

    private static void awaitCrawled(Roomwatch app) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (app.registry().position("case_room_a").cursor() == 11 && app.registry().position("case_room_b").cursor() == 27) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the rooms were never crawled: " + app.registry().position("case_room_a"));
    }

    /** Until the indices' refreshes make both rooms' copies of the picture, and their posts, searchable. */
    private void awaitSearchable(ApiSession session, String base, String pdq) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String found = "";
        while (System.nanoTime() < deadline) {
            found = session.post(base + "/api/images/search", "{\"pdq\": \"" + pdq + "\"}").body();
            // The media index and the messages index refresh each on its own: a case's sightings are read from the
            // messages, so both must show the photos' posts (two in room a, one in room b).
            if (found.contains("telegram:case_room_a") && found.contains("telegram:case_room_b")
                    && photoPosts(session, base, "case_room_a") == 2 && photoPosts(session, base, "case_room_b") == 1) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the crawled pictures never became searchable: " + found);
    }

    private long photoPosts(ApiSession session, String base, String room) throws Exception {
        return json.readTree(session.get(base + "/api/messages?hasMedia=true&room=" + room).body()).path("total").asLong();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Set<String> set(JsonNode array, String field) {
        Set<String> out = new HashSet<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    private static Set<String> sightings(JsonNode array) {
        Set<String> out = new HashSet<>();
        array.forEach(n -> out.add(n.path("room").asText() + "/" + n.path("messageId").asLong()));
        return out;
    }

    private static ApiSession session(String base, String user) throws Exception {
        return ApiSession.login(base, user, PASSWORD);
    }
}
