package org.roomwatch.crawler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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
import org.roomwatch.indexer.ElasticsearchVideoSearch;
import org.roomwatch.indexer.IndexNames;
import org.roomwatch.indexer.MessageEnricher;
import org.roomwatch.indexer.testing.IndicesExtension;
import org.roomwatch.indexer.testing.TestIndices;
import org.roomwatch.media.DecodeLimits;
import org.roomwatch.media.ImageHasher;
import org.roomwatch.media.MediaDigests;
import org.roomwatch.media.PhotoHashing;
import org.roomwatch.media.VideoHasher;
import org.roomwatch.media.VideoLimits;
import org.roomwatch.simulator.SimPost;
import org.roomwatch.simulator.SimRoom;
import org.roomwatch.simulator.SyntheticVideos;
import org.roomwatch.simulator.TelegramSite;
import org.roomwatch.testkit.ControlPlaneExtension;

/**
 * Hash and discard for videos, end to end: t.me's {@code <video src>} of each post is fetched into memory, hashed
 * (digests and vPDQ) and dropped; the same clip posted twice is one document; a re-encoded copy in another room is
 * found by vPDQ; what is not a video to hash is skipped with its reason and the crawl goes on; and no byte of any
 * video is found in any file written meanwhile.
 */
@ExtendWith(ControlPlaneExtension.class)
@ExtendWith(IndicesExtension.class)
class CrawlVideosTest {
    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
    private static final long CAP = 2_000_000;
    private TelegramSite site;
    private ElasticsearchClient client;
    private IndexNames names;
    private BulkMessageWriter writer;
    private JdbcRoomRegistry registry;

    @BeforeEach
    void setUp(TestIndices indices, org.roomwatch.controlplane.ControlPlaneDatabase database) {
        site = TelegramSite.start();
        for (String name : List.of("videos_a", "videos_b")) {
            SimRoom room = new SimRoom(name, "영상 방", "설명", false, 300, true);
            for (long id = 1; id <= 12; id++) {
                room.add(new SimPost(id, T0.plusSeconds(id * 60), null, "영상 " + id, null, null, 10, false, 0, true, null, false));
            }
            site.add(room);
        }
        registry = new JdbcRoomRegistry(database.dataSource());
        client = indices.client();
        names = indices.names();
        writer = new BulkMessageWriter(client, names, new MessageEnricher(), new ConfigLoader().defaults().elasticsearch());
    }

    @AfterEach
    void tearDown() {
        writer.close();
        site.close();
    }

    private static String video(String room, long post) {
        return "/vid/" + room + "/" + post + ".mp4";
    }

    @Test
    void videosAreHashedIndexedMatchedAcrossRoomsAndNeverWrittenAnywhere() throws Exception {
        byte[] whole = SyntheticVideos.posted(3, false);
        site.serveRaw(video("videos_a", 3), 200, "video/mp4", "<html><body>error</body></html>".getBytes(StandardCharsets.UTF_8));
        site.serveRaw(video("videos_a", 4), 200, "video/mp4", Arrays.copyOf(whole, whole.length / 3));
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("clip.txt"));
            out.write("not a video".getBytes(StandardCharsets.UTF_8));
        }
        site.serveRaw(video("videos_a", 5), 200, "video/mp4", zip.toByteArray());
        site.serveRaw(video("videos_a", 6), 404, "text/plain", "gone".getBytes(StandardCharsets.UTF_8));
        site.serveRaw(video("videos_a", 7), 200, "video/mp4", new byte[(int) CAP * 2]);
        site.serveRaw(video("videos_a", 8), 200, "video/mp4", new byte[0]);
        site.serveRaw(video("videos_a", 9), 200, "video/webm", SyntheticVideos.audioOnly());

        List<byte[]> served = new ArrayList<>();
        for (long post : new long[] {1, 2, 10, 11, 12}) {
            served.add(SyntheticVideos.posted(post % 7, false));
        }
        FileTime start = FileTime.from(Instant.now().minusSeconds(1));

        CrawlerConfig crawl = new ConfigLoader().defaults().crawler().withTelegramBaseUrl(site.baseUrl()).withRequestsPerSecondPerHost(500);
        PoliteFetcher fetcher = new PoliteFetcher(crawl, Clock.systemUTC(), duration -> { });
        VideoLimits d = VideoLimits.DEFAULT;
        VideoHasher videoHasher = new VideoHasher(new VideoLimits(CAP, d.maxDuration(), d.maxFramesHashed(), d.maxWidth(), d.maxHeight(),
                d.maxDecodeTime(), d.secondsPerHash()), 1);
        RoomCrawler crawler = new RoomCrawler(registry, Map.of(SourceKind.PUBLIC,
                new PublicRoomSource(fetcher, site.baseUrl(), 100, Clock.systemUTC())), IngestPipeline.storing(writer,
                new PhotoHashing<>(new WebPhotos(fetcher), new ImageHasher(DecodeLimits.DEFAULT), videoHasher)::hash), Clock.systemUTC());
        for (String room : List.of("videos_a", "videos_b")) {
            registry.put(new WatchedRoom(room, SourceKind.PUBLIC, Duration.ofMinutes(5)));
            RoomCrawler.Outcome outcome = crawler.crawl(room);
            assertTrue(outcome.ok(), outcome.summary());
            assertEquals(12, outcome.stored(), "every post is stored, whatever its video");
        }
        client.indices().refresh(r -> r.index(names.messages(), names.media()));
        client.indices().flush(f -> f.index(names.messages(), names.media()));

        assertNull(reasonOf("videos_a", 1));
        Map<String, Object> poster = media("videos_a", 1).get(1);
        assertEquals("poster", poster.get("kind"), "the still the video is shown with is hashed as a photo");
        assertEquals(64, String.valueOf(poster.get("pdq")).length(), String.valueOf(poster));
        assertEquals(MediaDigests.of(served.get(0)).sha256(), item("videos_a", 1).get("sha256"));
        assertTrue(reasonOf("videos_a", 3).contains("cannot read it as a video"), reasonOf("videos_a", 3));
        assertTrue(reasonOf("videos_a", 4).contains("SHA-256 " + MediaDigests.of(Arrays.copyOf(whole, whole.length / 3)).sha256()),
                "the digests of bytes read whole are kept: " + reasonOf("videos_a", 4));
        assertTrue(reasonOf("videos_a", 5).contains("cannot read it as a video"), reasonOf("videos_a", 5));
        assertTrue(reasonOf("videos_a", 6).startsWith("fetch failed:") && reasonOf("videos_a", 6).contains("404"), reasonOf("videos_a", 6));
        assertTrue(reasonOf("videos_a", 7).contains("larger than media.maxVideoBytes (2000000 bytes)"), reasonOf("videos_a", 7));
        assertTrue(reasonOf("videos_a", 8).contains("empty"), reasonOf("videos_a", 8));
        assertTrue(reasonOf("videos_a", 9).contains("no video stream"), reasonOf("videos_a", 9));

        // Posts whose ids agree modulo 7 carry the same clip, and the site re-encodes the clips of rooms whose names
        // hash odd (videos_b): post 1's clip is one document as videos_a posted it and another re-encoded, matched by vPDQ.
        ElasticsearchVideoSearch search = new ElasticsearchVideoSearch(client, names);
        var found = search.bySha256((String) item("videos_a", 1).get("sha256")).orElseThrow();
        assertEquals(List.of("telegram:videos_a"), found.rooms());
        var copies = search.matches(PhotoHashing.videoHashesOf(videoHasher.hash(served.get(0))).frames(), 80, 0);
        assertEquals(2, copies.size(), "the clip and its re-encoding in the other room: " + copies);
        assertEquals(List.of("telegram:videos_a", "telegram:videos_b"),
                copies.stream().flatMap(m -> m.video().rooms().stream()).sorted().toList());

        CrawlImagesTest.assertNoImageBytesIn(CrawlImagesTest.changedSince(start), served);
    }

    @Test
    void aVideoThatNeverFinishesArrivingIsGivenUpAndTheCrawlGoesOn() throws Exception {
        SimRoom room = new SimRoom("stall_room", "멈춘 방", "설명", false, 10, true);
        room.add(new SimPost(1, T0, null, "영상", null, null, 1, false, 0, true, null, false));
        room.add(new SimPost(2, T0.plusSeconds(60), null, "글", null, null, 1, false, 0, false, null, false));
        site.add(room);
        // Headers and the first bytes of a real clip, then nothing for three minutes.
        byte[] clip = SyntheticVideos.posted(1, false);
        site.serveStalling(video("stall_room", 1), "video/mp4", Arrays.copyOf(clip, 1000), Duration.ofMinutes(3));
        CrawlerConfig crawl = new ConfigLoader().load(null, Map.of("ROOMWATCH_CRAWLER_REQUESTTIMEOUT", "1s")).crawler()
                .withTelegramBaseUrl(site.baseUrl()).withRequestsPerSecondPerHost(500);
        PoliteFetcher fetcher = new PoliteFetcher(crawl, Clock.systemUTC(), duration -> { });
        VideoLimits d = VideoLimits.DEFAULT;
        VideoHasher videoHasher = new VideoHasher(new VideoLimits(100_000, d.maxDuration(), d.maxFramesHashed(), d.maxWidth(),
                d.maxHeight(), d.maxDecodeTime(), d.secondsPerHash()), 1);
        RoomCrawler crawler = new RoomCrawler(registry, Map.of(SourceKind.PUBLIC,
                new PublicRoomSource(fetcher, site.baseUrl(), 100, Clock.systemUTC())), IngestPipeline.storing(writer,
                new PhotoHashing<>(new WebPhotos(fetcher), new ImageHasher(DecodeLimits.DEFAULT), videoHasher)::hash), Clock.systemUTC());
        registry.put(new WatchedRoom("stall_room", SourceKind.PUBLIC, Duration.ofMinutes(5)));
        long start = System.nanoTime();
        RoomCrawler.Outcome outcome = crawler.crawl("stall_room");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(outcome.ok(), outcome.summary());
        assertEquals(2, outcome.stored());
        // The request timeout (1 s) plus the 100,000-byte cap at 256 KB/s: under two seconds, not three minutes.
        assertTrue(seconds < 30, "the crawl waited " + seconds + " s");
        client.indices().refresh(r -> r.index(names.messages()));
        assertTrue(reasonOf("stall_room", 1).contains("did not finish arriving within 1 s"), reasonOf("stall_room", 1));
    }

    private Map<String, Object> item(String room, long id) throws IOException {
        return media(room, id).get(0);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> media(String room, long id) throws IOException {
        Map<String, Object> source = client.get(g -> g.index(names.messages()).id("telegram:" + room + ":" + id), Map.class).source();
        assertNotNull(source, "message " + id);
        return (List<Map<String, Object>>) source.get("media");
    }

    private String reasonOf(String room, long id) throws IOException {
        return (String) item(room, id).get("unhashed");
    }
}
