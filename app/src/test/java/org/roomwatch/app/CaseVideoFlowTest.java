package org.roomwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
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
import org.roomwatch.media.VideoFingerprint;
import org.roomwatch.media.VideoHasher;
import org.roomwatch.media.Vpdq;
import org.roomwatch.simulator.SimPost;
import org.roomwatch.simulator.SimRoom;
import org.roomwatch.simulator.SyntheticVideos;
import org.roomwatch.simulator.TelegramSite;

/**
 * A case of a fake video: opened with her video's hashes (MD5, SHA-256 and vPDQ, as the case page computes them) and
 * a still of another fake; it finds the video posted as it is (by its bytes) and re-encoded in another room (by vPDQ),
 * and the other fake by the still (a frame within 31); the export, the takedown list (VideoMD5 and VideoVPDQ records,
 * which import again as a hash set) and retention follow; a re-encoded repost raises the case's alert; and a video
 * described wrongly is refused by name.
 */
@ExtendWith(IndicesExtension.class)
class CaseVideoFlowTest {
    private static final String PASSWORD = "a synthetic passphrase";
    private static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");

    @TempDir
    Path dir;
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aCaseFindsHerVideoAsPostedReencodedAndByAStillAndWatchesForMore(TestIndices indices) throws Exception {
        try (TelegramSite site = TelegramSite.start()) {
            // Posts whose ids agree modulo 7 carry the same clip; the site re-encodes vcase_b's (its name hashes odd).
            SimRoom a = room("vcase_a", 6, 3, 5);
            SimRoom b = room("vcase_b", 12, 10, 12);
            site.add(a);
            site.add(b);
            Path file = dir.resolve("roomwatch.yml");
            Files.writeString(file, "crawler:\n  telegramBaseUrl: \"" + site.baseUrl() + "\"\n  requestsPerSecondPerHost: 100\n"
                    + "security:\n  evidenceKeyFile: \"" + dir.resolve("keys/evidence.pem") + "\"\n"
                    + "rooms:\n  - name: vcase_a\n    interval: 1s\n  - name: vcase_b\n    interval: 1s\n");
            RoomwatchConfig config = new ConfigLoader().load(file, Map.of(
                    "ROOMWATCH_ELASTICSEARCH_URL", indices.url().toString(),
                    "ROOMWATCH_ELASTICSEARCH_INDEXPREFIX", indices.prefix(),
                    "ROOMWATCH_DATABASE_JDBCURL", "jdbc:h2:file:" + dir.resolve("db"),
                    "ROOMWATCH_SECURITY_COOKIESECURE", "false",
                    "ROOMWATCH_API_PORT", "0"));
            try (Roomwatch app = Roomwatch.start(config, Set.of(ProcessRole.CRAWLER, ProcessRole.API))) {
                app.users().add("counselor.han", Role.ANALYST, PASSWORD, "test");
                String base = "http://127.0.0.1:" + app.apiPort();
                ApiSession counselor = ApiSession.login(base, "counselor.han", PASSWORD);
                VideoFingerprint her = new VideoHasher().hash(SyntheticVideos.posted(3, false));
                String lines = String.join("\n", her.frames().stream().map(Vpdq::line).toList());
                awaitSearchable(counselor, base, lines);

                ObjectNode body = json.createObjectNode();
                body.put("caseNumber", "2026-부산-0007");
                body.put("counselor", "상담사 한가람");
                body.put("consentNote", "피해자 본인이 해시 등록과 삭제 요청에 동의함 (합성 자료)");
                ObjectNode video = body.putArray("videos").addObject();
                video.put("md5", her.digests().md5());
                video.put("sha256", her.digests().sha256());
                video.put("vpdq", lines);
                body.putArray("photos").add(still(5, 1.0));
                HttpResponse<String> opened = counselor.post(base + "/api/cases", body.toString());
                assertEquals(201, opened.statusCode(), opened.body());
                JsonNode result = json.readTree(opened.body());
                JsonNode found = result.path("results");
                assertEquals(Set.of("vcase_a/3", "vcase_b/10", "vcase_a/5", "vcase_b/12"), sightings(found.path("shownMessages")));
                Map<String, String> how = new java.util.HashMap<>();
                found.path("shownMessages").forEach(s -> how.put(s.path("room").asText() + "/" + s.path("messageId").asLong(),
                        s.path("photo").asText() + " " + s.path("matchedBy").asText()));
                assertTrue(Set.of("영상 1 md5", "영상 1 sha256").contains(how.get("vcase_a/3")), "posted as she has it, the same bytes: "
                        + how.get("vcase_a/3"));
                assertEquals("영상 1 vpdq", how.get("vcase_b/10"), "re-encoded: found by its frames");
                assertEquals("사진 1 frame", how.get("vcase_a/5"), "the still is a frame of this fake");
                assertEquals("사진 1 frame", how.get("vcase_b/12"));
                assertEquals(2, result.path("case").path("photos").asInt(), "a video and a photo");

                String number = URLEncoder.encode("2026-부산-0007", StandardCharsets.UTF_8);
                List<String> csv = counselor.get(base + "/api/cases/" + number + "/export?format=csv").body().lines().toList();
                assertEquals(5, csv.size(), csv.toString());
                assertTrue(csv.stream().anyMatch(l -> l.startsWith("2026-부산-0007,영상 1,vpdq,")), csv.toString());

                // The takedown list names both copies of her video by VideoMD5 and VideoVPDQ, and her own hashes.
                String set = result.path("case").path("hashSet").asText();
                HttpResponse<String> takedown = counselor.get(base + "/api/takedown?set=" + set);
                assertEquals(200, takedown.statusCode(), takedown.body());
                Set<String> signals = new HashSet<>();
                for (JsonNode record : json.readTree(takedown.body()).path("records")) {
                    signals.add(record.path("source").asText() + ":" + record.path("signalType").asText());
                    if (record.path("signalType").asText().equals("VideoVPDQ")) {
                        assertTrue(Vpdq.parse(record.path("hashValue").asText()).size() >= 3, record.toString());
                    }
                }
                assertTrue(signals.containsAll(Set.of("indexed:VideoMD5", "indexed:VideoVPDQ", "indexed:sha256", "listed:VideoMD5",
                        "listed:VideoVPDQ", "listed:pdq")), signals.toString());
                // ... in a form the importer reads back: the same list, imported elsewhere, finds the same videos.
                HttpResponse<String> imported = counselor.send(HttpRequest.newBuilder(URI.create(base + "/api/hashsets/relisted"))
                        .header("content-type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(takedown.body())));
                assertEquals(201, imported.statusCode(), imported.body());
                JsonNode matches = json.readTree(counselor.get(base + "/api/hashsets/relisted/matches").body());
                Set<String> videos = new HashSet<>();
                matches.path("matches").forEach(m -> m.path("videos").forEach(v -> videos.add(v.path("video").path("sha256").asText())));
                assertEquals(4, videos.size(), "her video's two copies and the other fake's two: " + matches);

                // What counselors get wrong about a video: each refused by name, nothing created.
                ObjectNode badLines = body.deepCopy();
                badLines.put("caseNumber", "2026-부산-0008");
                ((ObjectNode) badLines.path("videos").get(0)).put("vpdq", "0,100,zz,0.000");
                assertProblem(counselor.post(base + "/api/cases", badLines.toString()), "videos[0].vpdq");
                ((ObjectNode) badLines.path("videos").get(0)).put("vpdq", lines).put("md5", "12");
                assertProblem(counselor.post(base + "/api/cases", badLines.toString()), "videos[0].md5");
                ((ObjectNode) badLines.path("videos").get(0)).put("md5", her.digests().md5()).put("bytes", "AAAA");
                assertProblem(counselor.post(base + "/api/cases", badLines.toString()), "videos[0].bytes");
                assertEquals(1, json.readTree(counselor.get(base + "/api/cases").body()).path("cases").size());

                // Her video re-encoded and posted again (post 24 of vcase_b carries clip 3): only its frames can tell,
                // and the case's watchlist raises an alert.
                b.add(new SimPost(24, T0.plusSeconds(24), null, "다시 올림", null, null, 0, false, 0, true, null, false));
                String watchlist = result.path("case").path("watchlistId").asText();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                JsonNode alerts = null;
                while (System.nanoTime() < deadline) {
                    alerts = json.readTree(counselor.get(base + "/api/alerts?watchlist=" + watchlist).body());
                    if (alerts.toString().contains("/vcase_b/24\"")) {
                        break;
                    }
                    Thread.sleep(300);
                }
                assertTrue(alerts != null && alerts.toString().contains("/vcase_b/24\""), "an alert for the new posting: " + alerts);

                // Retention long after: what the case holds (the four fakes and the messages carrying them) stays.
                var es = indices.client();
                var names = indices.names();
                es.indices().refresh(r -> r.index(names.messages(), names.media()));
                app.retention().runOnce(Instant.now().plus(java.time.Duration.ofDays(4000)));
                Set<String> kept = new HashSet<>();
                es.search(r -> r.index(names.messages()).size(100), Map.class).hits().hits().forEach(h -> kept.add(h.id()));
                assertTrue(kept.containsAll(Set.of("telegram:vcase_a:3", "telegram:vcase_b:10", "telegram:vcase_a:5", "telegram:vcase_b:12")),
                        kept.toString());
                assertTrue(es.count(c -> c.index(names.media()).query(q -> q.term(t -> t.field("kind").value("video")))).count() >= 4);
            }
        }
    }

    /** A room of {@code posts} posts, those listed carrying a video. */
    private static SimRoom room(String name, int posts, long... videoPosts) {
        SimRoom room = new SimRoom(name, "방 " + name, "합성", false, 30, true);
        Set<Long> videos = new HashSet<>();
        for (long p : videoPosts) {
            videos.add(p);
        }
        for (long id = 1; id <= posts; id++) {
            room.add(new SimPost(id, T0.plusSeconds(id), null, "가상중학교 글 " + id, null, null, 0, false, 0, videos.contains(id), null, false));
        }
        return room;
    }

    /** The hashes of a still of clip {@code seed} at {@code second}, drawn as the clip draws it, as the page sends them. */
    private ObjectNode still(long seed, double second) throws Exception {
        BufferedImage image = new BufferedImage(320, 180, BufferedImage.TYPE_3BYTE_BGR);
        SyntheticVideos.draw(image, seed, second);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        ImageFingerprint f = new ImageHasher(DecodeLimits.DEFAULT).hash(png.toByteArray(), false);
        ObjectNode photo = json.createObjectNode();
        photo.put("pdq", f.pdq().hex());
        photo.put("quality", f.quality());
        photo.put("md5", f.digests().md5());
        photo.put("sha256", f.digests().sha256());
        return photo;
    }

    /** Until both copies of her video are searchable and the four video posts are indexed. */
    private void awaitSearchable(ApiSession session, String base, String lines) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String found = "";
        while (System.nanoTime() < deadline) {
            found = session.send(HttpRequest.newBuilder(URI.create(base + "/api/videos/search")).header("content-type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString(lines))).body();
            if (found.contains("telegram:vcase_a") && found.contains("telegram:vcase_b")
                    && videoPosts(session, base, "vcase_a") == 2 && videoPosts(session, base, "vcase_b") == 2) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("the crawled videos never became searchable: " + found);
    }

    private long videoPosts(ApiSession session, String base, String room) throws Exception {
        return json.readTree(session.get(base + "/api/messages?hasMedia=true&room=" + room).body()).path("total").asLong();
    }

    private void assertProblem(HttpResponse<String> response, String parameter) throws Exception {
        assertEquals(400, response.statusCode(), response.body());
        assertEquals(parameter, json.readTree(response.body()).path("parameter").asText(), response.body());
    }

    private static Set<String> sightings(JsonNode array) {
        Set<String> out = new HashSet<>();
        array.forEach(n -> out.add(n.path("room").asText() + "/" + n.path("messageId").asLong()));
        return out;
    }
}
