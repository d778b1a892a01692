package org.roomwatch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcHashSets;
import org.roomwatch.core.ImageHashes;
import org.roomwatch.core.MediaKind;
import org.roomwatch.core.MediaRef;
import org.roomwatch.core.Message;
import org.roomwatch.core.RoomWatcher;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.hashes.HashSetMatcher;
import org.roomwatch.indexer.BulkMessageWriter;
import org.roomwatch.indexer.ElasticsearchImageSearch;
import org.roomwatch.indexer.ElasticsearchSearchService;
import org.roomwatch.indexer.IndexNames;
import org.roomwatch.indexer.MessageEnricher;
import org.roomwatch.indexer.testing.IndicesExtension;
import org.roomwatch.indexer.testing.TestIndices;
import org.roomwatch.media.DecodeLimits;
import org.roomwatch.media.ImageFingerprint;
import org.roomwatch.media.ImageHasher;
import org.roomwatch.testkit.Bytes;
import org.roomwatch.testkit.ControlPlaneExtension;
import org.roomwatch.testkit.FilesChanged;
import org.roomwatch.testkit.InMemoryWatcher;

/** The image routes over real HTTP and a real index holding the hashes of generated pictures. */
@ExtendWith(ControlPlaneExtension.class)
@ExtendWith(IndicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageApiTest {
    private static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final ImageHasher hasher = new ImageHasher(new DecodeLimits(5_000_000, 40_000_000));
    private ApiServer server;
    private String base;
    private BufferedImage victimPhoto;
    private ImageFingerprint stored;
    private ImageFingerprint other;
    private ControlPlaneDatabase db;

    static BufferedImage picture(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        Random random = new Random(seed);
        for (int i = 0; i < 30; i++) {
            g.setColor(new Color(random.nextInt(0xffffff)));
            g.fillOval(random.nextInt(width), random.nextInt(height), 20 + random.nextInt(width / 2), 20 + random.nextInt(height / 2));
        }
        g.dispose();
        return image;
    }

    static byte[] encode(BufferedImage image, String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    static BufferedImage rotate90(BufferedImage in) {
        BufferedImage out = new BufferedImage(in.getHeight(), in.getWidth(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < in.getHeight(); y++) {
            for (int x = 0; x < in.getWidth(); x++) {
                out.setRGB(in.getHeight() - 1 - y, x, in.getRGB(x, y));
            }
        }
        return out;
    }

    @BeforeAll
    void start(TestIndices indices, ControlPlaneDatabase database) throws Exception {
        ElasticsearchClient client = indices.client();
        IndexNames names = indices.names();
        victimPhoto = picture(400, 300, 11);
        stored = hasher.hash(encode(victimPhoto, "jpg"), false);
        List<Message> messages = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ImageFingerprint f = i == 1 ? stored : hasher.hash(encode(picture(400, 300, 100 + i), "png"), false);
            if (i == 2) {
                other = f;
            }
            ImageHashes h = new ImageHashes(f.digests().sha256(), f.digests().md5(), f.pdq().hex(), f.quality(), f.width(),
                    f.height(), f.format().name(), f.bytes());
            messages.add(new Message("telegram", i == 1 ? "room_a" : "room_b", i, "http://sim/r/" + i, T0.plusSeconds(i), null,
                    "사진", List.of(), null, null, 1L, false, false, List.of(new MediaRef(MediaKind.PHOTO, "http://sim/img/" + i).withHashes(h)),
                    T0, "http://sim/s/r", "ee".repeat(32)));
        }
        try (BulkMessageWriter writer = new BulkMessageWriter(client, names, new MessageEnricher(), new ConfigLoader().defaults().elasticsearch())) {
            writer.writeMessages(messages);
        }
        client.indices().refresh(r -> r.index(names.media()));
        RoomWatcher watcher = new InMemoryWatcher();
        db = database;
        JdbcHashSets sets = new JdbcHashSets(db.dataSource());
        ElasticsearchImageSearch search = new ElasticsearchImageSearch(client, names, ElasticsearchImageSearch.Method.MIH);
        server = new ApiServer(new ElasticsearchSearchService(client, names), watcher, () -> true)
                .withImages(search, hasher)
                .withHashSets(sets, new HashSetMatcher(sets, search))
                .withoutSecurityForRouteTests().start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("content-type", contentType).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postJson(String path, String body) throws Exception {
        return post(path, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aReencodedCopyUploadedAsTheBodyFindsTheStoredPhoto() throws Exception {
        HttpResponse<String> response = post("/api/images/search", "image/png", encode(victimPhoto, "png"));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = json.readTree(response.body());
        assertEquals(1, body.get("total").asInt(), response.body());
        JsonNode match = body.get("matches").get(0);
        assertTrue(match.get("distance").asInt() <= 31);
        assertEquals(stored.digests().sha256(), match.get("image").get("sha256").asText());
        assertEquals("telegram:room_a", match.get("image").get("rooms").get(0).asText());
        assertEquals("telegram:room_a:1", match.get("image").get("messages").get(0).asText());
        assertEquals("image", body.get("query").get("source").asText());
    }

    @Test
    void aPdqHashInJsonWorksAndDistanceIsChecked() throws Exception {
        JsonNode exact = json.readTree(postJson("/api/images/search", "{\"pdq\": \"" + stored.pdq().hex() + "\", \"maxDistance\": 0}").body());
        assertEquals(1, exact.get("total").asInt());
        assertEquals(0, exact.get("matches").get(0).get("distance").asInt());

        HttpResponse<String> tooFar = postJson("/api/images/search", "{\"pdq\": \"" + stored.pdq().hex() + "\", \"maxDistance\": 300}");
        assertEquals(400, tooFar.statusCode());
        assertEquals("maxDistance", json.readTree(tooFar.body()).get("parameter").asText());
        // Past 64 bits random hashes start to be "near": a wider search would read out the whole media index.
        HttpResponse<String> wholeIndex = postJson("/api/images/search", "{\"pdq\": \"" + stored.pdq().hex() + "\", \"maxDistance\": 65}");
        assertEquals(400, wholeIndex.statusCode(), wholeIndex.body());
        assertTrue(wholeIndex.body().contains("0..64"), wholeIndex.body());
        assertEquals(200, postJson("/api/images/search", "{\"pdq\": \"" + stored.pdq().hex() + "\", \"maxDistance\": 64}").statusCode());
        HttpResponse<String> shortHash = postJson("/api/images/search", "{\"pdq\": \"abc\"}");
        assertEquals(400, shortHash.statusCode());
        assertEquals("a PDQ hash is 64 hex digits; got 3 characters", json.readTree(shortHash.body()).get("detail").asText());
        HttpResponse<String> notHex = postJson("/api/images/search", "{\"pdq\": \"" + "z".repeat(64) + "\"}");
        assertEquals(400, notHex.statusCode());
        assertEquals("pdq", json.readTree(notHex.body()).get("parameter").asText());
        assertEquals(400, postJson("/api/images/search", "{\"pdq\": \"" + stored.pdq().hex() + "\", \"dihedral\": true}").statusCode());
        assertEquals(400, postJson("/api/images/search", "{\"pdg\": \"x\"}").statusCode());
        assertEquals(400, postJson("/api/images/search", "not json").statusCode());
        assertEquals(400, post("/api/images/search", "text/plain", "hello".getBytes(StandardCharsets.UTF_8)).statusCode());
        HttpResponse<String> negative = post("/api/images/search?maxDistance=-1", "image/png", encode(victimPhoto, "png"));
        assertEquals(400, negative.statusCode());
    }

    @Test
    void aRotatedCopyIsFoundOnlyWhenDihedralVariantsAreTried() throws Exception {
        byte[] rotated = encode(rotate90(victimPhoto), "png");
        assertEquals(0, json.readTree(post("/api/images/search", "image/png", rotated).body()).get("total").asInt());
        JsonNode found = json.readTree(post("/api/images/search?dihedral=true", "image/png", rotated).body());
        assertEquals(1, found.get("total").asInt(), found.toString());
        assertNotEquals("original", found.get("matches").get(0).get("matchedAs").asText());
        assertEquals(8, found.get("query").get("variants").size());
    }

    @Test
    void notAnImageAndOversizeUploadsAreClearErrors() throws Exception {
        HttpResponse<String> html = post("/api/images/search", "image/jpeg", "<html>nope</html>".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, html.statusCode());
        assertTrue(json.readTree(html.body()).get("detail").asText().contains("looks like HTML"), html.body());
        HttpResponse<String> big = post("/api/images/search", "image/jpeg", new byte[5_000_001]);
        assertEquals(400, big.statusCode());
        assertTrue(big.body().contains("larger than 5000000 bytes"), big.body());
        HttpResponse<String> empty = post("/api/images/search", "image/png", new byte[0]);
        assertEquals(400, empty.statusCode());
        assertTrue(empty.body().contains("empty"), empty.body());
    }

    @Test
    void multipartUploadsAreHashedInMemoryAndNeverSpooledToDisk() throws Exception {
        // A noisy picture compresses badly: a few megabytes, well past any spool threshold a server might use.
        BufferedImage noisy = picture(1200, 900, 11);
        Random random = new Random(1);
        for (int i = 0; i < 400_000; i++) {
            noisy.setRGB(random.nextInt(1200), random.nextInt(900), random.nextInt());
        }
        byte[] image = encode(noisy, "png");
        assertTrue(image.length > 1_000_000, "size " + image.length);
        String boundary = "----roomwatch" + System.nanoTime();
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        form.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"maxDistance\"\r\n\r\n40\r\n").getBytes(StandardCharsets.UTF_8));
        form.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"photo.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        form.writeBytes(image);
        form.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        FileTime start = FileTime.from(Instant.now().minusSeconds(1));
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        List<String> created = new ArrayList<>();
        HttpResponse<String> response;
        // A spooled upload would be created in the temporary directory and deleted after the request: watch for it.
        try (WatchService watch = tmp.getFileSystem().newWatchService()) {
            tmp.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            response = post("/api/images/search", "multipart/form-data; boundary=" + boundary, form.toByteArray());
            for (WatchKey key; (key = watch.poll(200, TimeUnit.MILLISECONDS)) != null; key.reset()) {
                key.pollEvents().forEach(e -> created.add(String.valueOf(e.context())));
            }
        }
        assertTrue(created.stream().noneMatch(name -> name.contains("MultiPart") || name.endsWith(".tmp")),
                "files created in " + tmp + " during the upload: " + created);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = json.readTree(response.body());
        assertEquals(40, body.get("query").get("maxDistance").asInt());
        assertEquals(64, body.get("query").get("pdq").asText().length());

        byte[] window = Arrays.copyOfRange(image, image.length / 2, image.length / 2 + 32);
        for (Path file : FilesChanged.since(Path.of(System.getProperty("java.io.tmpdir")), start)) {
            try {
                if (Files.size(file) < 256L * 1024 * 1024) {
                    assertTrue(Bytes.indexOf(Files.readAllBytes(file), window) < 0, "the upload was written to " + file);
                }
            } catch (java.io.IOException vanished) {
                // a temporary file of the node that went away while we read
            }
        }
        HttpResponse<String> noPart = post("/api/images/search", "multipart/form-data; boundary=" + boundary,
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(400, noPart.statusCode());
        assertEquals("image", json.readTree(noPart.body()).get("parameter").asText());
    }

    @Test
    void exactLookupsBySha256Md5AndLists() throws Exception {
        String sha = stored.digests().sha256();
        JsonNode one = json.readTree(get("/api/images/" + sha.toUpperCase()).body());
        assertEquals(sha, one.get("sha256").asText());
        assertEquals(1, one.get("count").asInt());
        assertEquals(404, get("/api/images/" + "0".repeat(64)).statusCode());
        HttpResponse<String> bad = get("/api/images/1234");
        assertEquals(400, bad.statusCode());
        assertEquals("sha256", json.readTree(bad.body()).get("parameter").asText());

        JsonNode byMd5 = json.readTree(get("/api/images?md5=" + stored.digests().md5()).body());
        assertEquals(sha, byMd5.get("images").get(0).get("sha256").asText());
        assertEquals(400, get("/api/images?md5=xyz").statusCode());
        assertEquals(400, get("/api/images").statusCode());

        JsonNode lookup = json.readTree(postJson("/api/images/lookup",
                "{\"hashes\": [\"" + sha + "\", \"" + stored.digests().md5() + "\", \"" + "a".repeat(32) + "\"]}").body());
        assertEquals(2, lookup.get("found").asInt());
        assertEquals(0, lookup.get("results").get("a".repeat(32)).size());
        HttpResponse<String> badItem = postJson("/api/images/lookup", "{\"hashes\": [\"" + sha + "\", \"nothex\"]}");
        assertEquals(400, badItem.statusCode());
        assertTrue(badItem.body().contains("hashes[1]"), badItem.body());
    }

    private HttpResponse<String> put(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).PUT(HttpRequest.BodyPublishers.ofString(body))
                .header("content-type", "text/csv").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aHashSetIsImportedAllOrNothingAndMatchedAgainstTheIndex() throws Exception {
        java.util.Random random = new java.util.Random(9);
        org.roomwatch.media.PdqHash near = stored.pdq();
        for (int i = 0; i < 5; i++) {
            near = near.flip(random.nextInt(256) / 2 * 2 + i % 2);
        }
        String list = "label,pdq,md5\nvictim-1," + near.hex() + ",\nvictim-2,," + other.digests().md5()
                + "\nunrelated," + "0f".repeat(32) + ",\n";
        HttpResponse<String> created = put("/api/hashsets/case-17?description=" + java.net.URLEncoder.encode("사건 17", StandardCharsets.UTF_8), list);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(3, json.readTree(created.body()).get("entries").asInt());
        assertEquals("case-17", json.readTree(get("/api/hashsets").body()).get("sets").get(0).get("name").asText());

        JsonNode matches = json.readTree(get("/api/hashsets/case-17/matches").body());
        assertEquals(2, matches.get("matchedEntries").asInt(), matches.toString());
        for (JsonNode m : matches.get("matches")) {
            String label = m.get("entry").get("label").asText();
            JsonNode image = m.get("images").get(0);
            if (label.equals("victim-1")) {
                assertEquals(stored.digests().sha256(), image.get("image").get("sha256").asText());
                assertEquals(near.distance(stored.pdq()), image.get("distance").asInt());
            } else {
                assertEquals("victim-2", label);
                assertEquals(other.digests().sha256(), image.get("image").get("sha256").asText());
                assertEquals(0, image.get("distance").asInt());
            }
        }

        HttpResponse<String> bad = put("/api/hashsets/case-17", "label,pdq\nx,123\ny," + "g".repeat(64) + "\n");
        assertEquals(400, bad.statusCode());
        assertEquals(2, json.readTree(bad.body()).get("problems").size(), bad.body());
        assertEquals(3, json.readTree(get("/api/hashsets/case-17").body()).get("entries").asInt(), "the old set is untouched");
        assertEquals(400, put("/api/hashsets/Bad%20Name", list).statusCode());
        assertEquals(400, get("/api/hashsets/case-17/matches?maxDistance=999").statusCode());
        assertEquals(404, get("/api/hashsets/nope/matches").statusCode());
        assertEquals(204, http.send(HttpRequest.newBuilder(URI.create(base + "/api/hashsets/case-17")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(404, get("/api/hashsets/case-17").statusCode());
    }
}
