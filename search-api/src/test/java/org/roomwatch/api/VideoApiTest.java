package org.roomwatch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.global.avcodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomwatch.core.MediaKind;
import org.roomwatch.core.MediaRef;
import org.roomwatch.core.Message;
import org.roomwatch.core.VideoHashes;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.indexer.BulkMessageWriter;
import org.roomwatch.indexer.ElasticsearchImageSearch;
import org.roomwatch.indexer.ElasticsearchSearchService;
import org.roomwatch.indexer.ElasticsearchVideoSearch;
import org.roomwatch.indexer.IndexNames;
import org.roomwatch.indexer.MessageEnricher;
import org.roomwatch.indexer.testing.IndicesExtension;
import org.roomwatch.indexer.testing.TestIndices;
import org.roomwatch.media.DecodeLimits;
import org.roomwatch.media.ImageHasher;
import org.roomwatch.media.PhotoHashing;
import org.roomwatch.media.VideoHasher;
import org.roomwatch.media.Vpdq;
import org.roomwatch.simulator.SyntheticVideos;
import org.roomwatch.simulator.SyntheticVideos.Spec;
import org.roomwatch.testkit.InMemoryWatcher;

/**
 * The video routes over real HTTP and a real index holding the vPDQ of synthetic clips hashed by FFmpeg: a video, its
 * vPDQ lines or a still are searched; what cannot be searched is a 400 naming what is wrong.
 */
@ExtendWith(IndicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VideoApiTest {
    private static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final VideoHasher hasher = new VideoHasher();
    private ApiServer server;
    private String base;
    private VideoHashes fake;
    private VideoHashes other;

    @BeforeAll
    void start(TestIndices indices) throws Exception {
        ElasticsearchClient client = indices.client();
        IndexNames names = indices.names();
        fake = PhotoHashing.videoHashesOf(hasher.hash(SyntheticVideos.make(Spec.mp4(1))));
        other = PhotoHashing.videoHashesOf(hasher.hash(SyntheticVideos.make(Spec.mp4(2))));
        List<Message> messages = new ArrayList<>();
        messages.add(post("room_a", 1, fake));
        messages.add(post("room_b", 7, fake));
        messages.add(post("room_b", 8, other));
        try (BulkMessageWriter writer = new BulkMessageWriter(client, names, new MessageEnricher(), new ConfigLoader().defaults().elasticsearch())) {
            writer.writeMessages(messages);
        }
        client.indices().refresh(r -> r.index(names.media()));
        server = new ApiServer(new ElasticsearchSearchService(client, names), new InMemoryWatcher(), () -> true)
                .withImages(new ElasticsearchImageSearch(client, names, ElasticsearchImageSearch.Method.MIH),
                        new ImageHasher(DecodeLimits.DEFAULT), new ElasticsearchVideoSearch(client, names), hasher)
                .withoutSecurityForRouteTests().start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
    }

    private static Message post(String room, long id, VideoHashes video) {
        return new Message("telegram", room, id, "http://sim/" + room + "/" + id, T0.plusSeconds(id), null, "영상", List.of(), null,
                null, 1L, false, false, List.of(new MediaRef(MediaKind.VIDEO, "http://sim/vid/" + id + ".mp4").withVideo(video)),
                T0, "http://sim/s/" + room, "ee".repeat(32));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("content-type", contentType).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return post(path, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String lines(VideoHashes v) {
        return v.frames().stream().map(f -> f.frameNumber() + "," + f.quality() + "," + f.pdq() + ","
                + String.format(java.util.Locale.ROOT, "%.3f", f.timestamp())).collect(Collectors.joining("\n"));
    }

    private JsonNode ok(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        return json.readTree(response.body());
    }

    private void refused(HttpResponse<String> response, String parameter, String words) throws Exception {
        assertEquals(400, response.statusCode(), response.body());
        JsonNode body = json.readTree(response.body());
        assertEquals(parameter, body.path("parameter").asText(), response.body());
        assertTrue(body.path("detail").asText().contains(words), response.body());
    }

    @Test
    void aReencodedCopyInAnotherContainerFindsTheStoredVideoWithBothSharesAndItsRooms() throws Exception {
        byte[] webm = SyntheticVideos.make(Spec.mp4(1).size(480, 270).bitrate(300_000).webm(avcodec.AV_CODEC_ID_VP9));
        JsonNode body = ok(post("/api/videos/search", "video/webm", webm));
        assertEquals(1, body.get("total").asInt(), body.toString());
        JsonNode match = body.get("matches").get(0);
        assertEquals(fake.sha256(), match.get("video").get("sha256").asText());
        assertTrue(match.get("queryPercent").asDouble() >= Vpdq.QUERY_THRESHOLD_PERCENT, body.toString());
        assertTrue(match.get("comparedPercent").asDouble() > 0, body.toString());
        assertEquals(List.of("telegram:room_a", "telegram:room_b"), sorted(match.get("video").get("rooms")));
        assertEquals(2, match.get("video").get("count").asInt());
        JsonNode pair = match.get("pairs").get(0);
        assertTrue(pair.get("distance").asInt() <= 31);
        assertEquals(pair.get("queryTimestamp").asDouble(), pair.get("storedTimestamp").asDouble(), 0.001);
        assertEquals("video", body.get("query").get("source").asText());
        assertEquals(64, body.get("query").get("sha256").asText().length());
    }

    @Test
    void aTrimmedCopySentAsAFormPartCoversItselfWhollyAndPartOfTheOriginal() throws Exception {
        byte[] trimmed = SyntheticVideos.make(Spec.mp4(1).trimmed(2, 3));
        String boundary = "----roomwatch" + System.nanoTime();
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        form.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"video\"; filename=\"clip.mp4\"\r\n"
                + "Content-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        form.writeBytes(trimmed);
        form.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode body = ok(post("/api/videos/search", "multipart/form-data; boundary=" + boundary, form.toByteArray()));
        assertEquals(1, body.get("total").asInt(), body.toString());
        JsonNode match = body.get("matches").get(0);
        assertEquals(100.0, match.get("queryPercent").asDouble(), 1e-9, body.toString());
        assertTrue(match.get("comparedPercent").asDouble() < 100, body.toString());
        // The trimmed copy's second 0 is the original's second 2.
        assertEquals(2.0, match.get("pairs").get(0).get("storedTimestamp").asDouble() - match.get("pairs").get(0).get("queryTimestamp").asDouble(), 0.05);
    }

    @Test
    void aVpdqAsTextOrJsonFindsTheSameAndTheThresholdsApply() throws Exception {
        JsonNode text = ok(post("/api/videos/search", "text/plain", lines(fake)));
        assertEquals(fake.sha256(), text.get("matches").get(0).get("video").get("sha256").asText());
        assertEquals(100.0, text.get("matches").get(0).get("queryPercent").asDouble(), 1e-9);
        assertEquals("vpdq", text.get("query").get("source").asText());

        String asArray = json.writeValueAsString(java.util.Map.of("vpdq", List.of(lines(fake).split("\n")), "queryThreshold", 50));
        assertEquals(1, ok(post("/api/videos/search", "application/json", asArray)).get("total").asInt());
        // Half the clip: 100 % of the query, but 50 % of the stored video, short of a 60 % compared threshold.
        String half = lines(fake).lines().limit(fake.frames().size() / 2).collect(Collectors.joining("\n"));
        assertEquals(1, ok(post("/api/videos/search", "text/plain", half)).get("total").asInt());
        assertEquals(0, ok(post("/api/videos/search?comparedThreshold=60", "text/plain", half)).get("total").asInt());
    }

    @Test
    void aStillCutFromTheFakeListsTheVideoAndTheSecondItAppearsAt() throws Exception {
        BufferedImage still = new BufferedImage(640, 360, BufferedImage.TYPE_3BYTE_BGR);
        SyntheticVideos.draw(still, 1, 3.0);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(still, "png", png);
        JsonNode body = ok(post("/api/images/search", "image/png", png.toByteArray()));
        assertEquals(1, body.get("videos").size(), body.toString());
        JsonNode frame = body.get("videos").get(0);
        assertEquals(fake.sha256(), frame.get("video").get("sha256").asText());
        assertEquals(3.0, frame.get("timestamp").asDouble(), 0.001);
        assertTrue(frame.get("distance").asInt() <= 31);
    }

    @Test
    void lookupsBySha256AndMd5() throws Exception {
        JsonNode record = ok(http.send(HttpRequest.newBuilder(URI.create(base + "/api/videos/" + fake.sha256())).build(),
                HttpResponse.BodyHandlers.ofString()));
        assertEquals(fake.md5(), record.get("md5").asText());
        assertEquals(fake.frames().size(), record.get("framesHashed").asInt());
        JsonNode byMd5 = ok(http.send(HttpRequest.newBuilder(URI.create(base + "/api/videos?md5=" + other.md5())).build(),
                HttpResponse.BodyHandlers.ofString()));
        assertEquals(other.sha256(), byMd5.get("videos").get(0).get("sha256").asText());
        assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(base + "/api/videos/" + "0".repeat(64))).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        refused(http.send(HttpRequest.newBuilder(URI.create(base + "/api/videos/xyz")).build(), HttpResponse.BodyHandlers.ofString()),
                "sha256", "64 hex digits");
        refused(http.send(HttpRequest.newBuilder(URI.create(base + "/api/videos?md5=12")).build(), HttpResponse.BodyHandlers.ofString()),
                "md5", "32 hex digits");
    }

    @Test
    void whatCannotBeSearchedIsA400NamingWhatIsWrong() throws Exception {
        refused(post("/api/videos/search", "video/mp4", "<html><body>not found</body></html>"), "video", "could not be hashed");
        refused(post("/api/videos/search", "video/mp4", new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0}), "video", "could not be hashed");
        refused(post("/api/videos/search", "video/mp4", new byte[0]), "video", "empty");
        refused(post("/api/videos/search", "video/webm", SyntheticVideos.audioOnly()), "video", "no video stream");
        byte[] whole = SyntheticVideos.make(Spec.mp4(3));
        refused(post("/api/videos/search", "video/mp4", java.util.Arrays.copyOf(whole, whole.length / 3)), "video", "could not be hashed");
        refused(post("/api/videos/search", "text/plain", "0,100,abc,0.000"), "vpdq", "line 1");
        refused(post("/api/videos/search", "text/plain", "# nothing but a comment"), "vpdq", "no frame lines");
        refused(post("/api/videos/search", "text/plain", "0,10," + "ab".repeat(32) + ",0.000"), "video", "quality 50");
        refused(post("/api/videos/search?queryThreshold=101", "text/plain", lines(fake)), "queryThreshold", "0..100");
        refused(post("/api/videos/search?comparedThreshold=most", "text/plain", lines(fake)), "comparedThreshold", "percentage");
        refused(post("/api/videos/search?maxDistance=3", "text/plain", lines(fake)), "maxDistance", "");
        refused(post("/api/videos/search", "application/json", "{\"vpdq\": 5}"), "vpdq", "required");
        refused(post("/api/videos/search", "application/json", "{\"video\": \"x\"}"), "video", "unknown field");
        assertEquals(400, post("/api/videos/search", "application/json", "not json").statusCode());
        refused(post("/api/videos/search", "image/png", new byte[10]), "Content-Type", "video/mp4");
        refused(post("/api/videos/search", "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\n1\r\n--x--\r\n"),
                "video", "neither");
    }

    private static List<String> sorted(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        out.sort(null);
        return out;
    }
}
