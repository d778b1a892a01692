package org.roomwatch.crawler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcRoomRegistry;
import org.roomwatch.core.SourceKind;
import org.roomwatch.core.WatchedRoom;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.config.CrawlerConfig;
import org.roomwatch.core.ingest.IngestPipeline;
import org.roomwatch.crawler.http.PoliteFetcher;
import org.roomwatch.crawler.http.WebPhotos;
import org.roomwatch.crawler.schedule.RoomCrawler;
import org.roomwatch.crawler.telegram.PublicRoomSource;
import org.roomwatch.indexer.BulkMessageWriter;
import org.roomwatch.indexer.IndexNames;
import org.roomwatch.indexer.MessageEnricher;
import org.roomwatch.indexer.testing.IndicesExtension;
import org.roomwatch.indexer.testing.TestIndices;
import org.roomwatch.media.DecodeLimits;
import org.roomwatch.media.ImageHasher;
import org.roomwatch.media.PhotoHashing;
import org.roomwatch.simulator.SimPost;
import org.roomwatch.simulator.SimRoom;
import org.roomwatch.simulator.TelegramSite;
import org.roomwatch.testkit.Bytes;
import org.roomwatch.testkit.ControlPlaneExtension;
import org.roomwatch.testkit.FilesChanged;

/**
 * Hash and discard, end to end: a room whose posts carry photos is crawled into the real index. Good photos become
 * hashes on the message and documents in the media index; bad ones are skipped with a reason; and no byte of any
 * photo is found in any file written meanwhile (the Elasticsearch node's data and translog included).
 */
@ExtendWith(ControlPlaneExtension.class)
@ExtendWith(IndicesExtension.class)
class CrawlImagesTest {
    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
    private static final long CAP = 1_000_000;
    private TelegramSite site;
    private ControlPlaneDatabase db;
    private ElasticsearchClient client;
    private IndexNames names;
    private BulkMessageWriter writer;
    private JdbcRoomRegistry registry;

    @BeforeEach
    void setUp(TestIndices indices, ControlPlaneDatabase database) {
        site = TelegramSite.start();
        SimRoom room = new SimRoom("photo_room", "사진 방", "설명", false, 300, true);
        for (long id = 1; id <= 30; id++) {
            room.add(new SimPost(id, T0.plusSeconds(id * 60), null, "사진 " + id, null, null, 10, false, id <= 24 ? 1 : 0,
                    false, null, false));
        }
        site.add(room);
        db = database;
        registry = new JdbcRoomRegistry(db.dataSource());
        client = indices.client();
        names = indices.names();
        writer = new BulkMessageWriter(client, names, new MessageEnricher(), new ConfigLoader().defaults().elasticsearch());
    }

    @AfterEach
    void tearDown() {
        writer.close();
        site.close();
    }

    private String image(long post) {
        return "/img/photo_room/" + post + "-0.png";
    }

    private static byte[] pngDeclaring(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2);
        byte[] type = "IHDR".getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(type);
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 25);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}).putInt(13).put(type).put(ihdr.array()).putInt((int) crc.getValue());
        return png.array();
    }

    @Test
    void photosAreHashedIndexedAndNeverWrittenAnywhere() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        byte[] good = http.send(HttpRequest.newBuilder(URI.create(site.baseUrl() + image(2))).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        site.serveRaw(image(3), 200, "image/jpeg", "<html><body>error</body></html>".getBytes(StandardCharsets.UTF_8));
        site.serveRaw(image(4), 200, "image/png", Arrays.copyOf(good, good.length / 2));
        site.serveRaw(image(5), 200, "image/png", pngDeclaring(100_000, 100_000));
        site.serveRaw(image(6), 404, "text/plain", "gone".getBytes(StandardCharsets.UTF_8));
        site.serveRaw(image(7), 200, "image/jpeg", new byte[(int) CAP * 2]);
        site.serveRaw(image(8), 200, "image/png", new byte[0]);

        // Everything a photo could leave behind is looked for afterwards: the bytes served, raw and in base64.
        List<byte[]> served = new ArrayList<>();
        for (long post = 1; post <= 24; post++) {
            if (post < 3 || post > 8) {
                served.add(http.send(HttpRequest.newBuilder(URI.create(site.baseUrl() + image(post))).build(),
                        HttpResponse.BodyHandlers.ofByteArray()).body());
            }
        }
        FileTime start = FileTime.from(Instant.now().minusSeconds(1));

        CrawlerConfig crawl = new ConfigLoader().defaults().crawler().withTelegramBaseUrl(site.baseUrl()).withRequestsPerSecondPerHost(500);
        PoliteFetcher fetcher = new PoliteFetcher(crawl, Clock.systemUTC(), duration -> { });
        RoomCrawler crawler = new RoomCrawler(registry, Map.of(SourceKind.PUBLIC,
                new PublicRoomSource(fetcher, site.baseUrl(), 100, Clock.systemUTC())), IngestPipeline.storing(writer,
                new PhotoHashing<>(new WebPhotos(fetcher), new ImageHasher(new DecodeLimits(CAP, 10_000_000)))::hash), Clock.systemUTC());
        registry.put(new WatchedRoom("photo_room", SourceKind.PUBLIC, Duration.ofMinutes(5)));
        RoomCrawler.Outcome outcome = crawler.crawl("photo_room");
        assertTrue(outcome.ok(), outcome.summary());
        assertEquals(30, outcome.stored());
        assertEquals(30, registry.position("photo_room").cursor());
        client.indices().refresh(r -> r.index(names.messages(), names.media()));
        client.indices().flush(f -> f.index(names.messages(), names.media()));

        // Posts 1..24 carry one photo each; 6 were bad. Ids equal modulo 11 share a picture, so 18 good photos
        // are fewer distinct images.
        long distinct = served.stream().map(b -> org.roomwatch.media.MediaDigests.of(b).sha256()).distinct().count();
        assertEquals(distinct, client.count(c -> c.index(names.media())).count());
        assertNull(reasonOf(1));
        assertNull(reasonOf(2));
        assertEquals("not an image: it looks like HTML or XML (an error page served as an image?)", reasonOf(3));
        assertTrue(reasonOf(4).startsWith("PNG could not be decoded"), reasonOf(4));
        assertEquals("PNG header declares 100000x100000 = 10000000000 pixels; images over 10000000 pixels are not decoded", reasonOf(5));
        assertTrue(reasonOf(6).startsWith("fetch failed:") && reasonOf(6).contains("404"), reasonOf(6));
        assertTrue(reasonOf(7).contains("larger than media.maxImageBytes (1000000 bytes)"), reasonOf(7));
        assertEquals("the file is empty (0 bytes)", reasonOf(8));
        Map<String, Object> first = message(1);
        assertEquals(1, ((List<?>) first.get("media_sha256")).size());

        assertNoImageBytesIn(changedSince(start), served);
    }

    private Map<String, Object> message(long id) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> source = client.get(g -> g.index(names.messages()).id("telegram:photo_room:" + id), Map.class).source();
        assertNotNull(source, "message " + id);
        return source;
    }

    @SuppressWarnings("unchecked")
    private String reasonOf(long id) throws IOException {
        Map<String, Object> item = ((List<Map<String, Object>>) message(id).get("media")).get(0);
        if (item.get("unhashed") == null) {
            assertNotNull(item.get("sha256"), "a photo is either hashed or says why not");
            assertNull(item.get("unhashed"));
        }
        return (String) item.get("unhashed");
    }

    /** Regular files under the temporary directory and the working directory changed since {@code since}. */
    static List<Path> changedSince(FileTime since) throws IOException {
        List<Path> changed = new ArrayList<>();
        for (Path root : List.of(Path.of(System.getProperty("java.io.tmpdir")), Path.of("").toAbsolutePath())) {
            changed.addAll(FilesChanged.since(root, since));
        }
        assertTrue(changed.stream().anyMatch(p -> p.toString().contains("translog") || p.toString().endsWith(".tlog")
                || p.toString().contains("roomwatch-elasticsearch")), "the index's own files are among those checked: " + changed.size());
        return changed;
    }

    static void assertNoImageBytesIn(List<Path> files, List<byte[]> served) throws IOException {
        List<byte[]> needles = new ArrayList<>();
        for (byte[] image : served) {
            int mid = image.length / 2 / 3 * 3; // base64 of the whole file encodes bytes from a multiple of 3 as a unit
            byte[] window = Arrays.copyOfRange(image, mid, mid + 24);
            needles.add(window);
            needles.add(Base64.getEncoder().encode(window));
        }
        for (Path file : files) {
            assertTrue(!file.getFileName().toString().startsWith("imageio"), "ImageIO spilled a stream to " + file);
            byte[] content;
            try {
                if (Files.size(file) > 256L * 1024 * 1024) {
                    continue;
                }
                content = Files.readAllBytes(file);
            } catch (IOException e) {
                continue; // the node's temporary files come and go while we read: one that vanished holds nothing now
            }
            for (byte[] needle : needles) {
                assertTrue(Bytes.indexOf(content, needle) < 0, "image bytes found in " + file);
            }
        }
    }
}
