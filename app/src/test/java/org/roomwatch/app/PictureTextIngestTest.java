package org.roomwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcHashSets;
import org.roomwatch.controlplane.JdbcRoomRegistry;
import org.roomwatch.controlplane.JdbcWatchlists;
import org.roomwatch.core.ImageHashes;
import org.roomwatch.core.ImageText;
import org.roomwatch.core.MediaKind;
import org.roomwatch.core.MediaRef;
import org.roomwatch.core.Message;
import org.roomwatch.core.SourceKind;
import org.roomwatch.core.WatchedRoom;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.config.CrawlerConfig;
import org.roomwatch.core.config.OcrConfig;
import org.roomwatch.core.ingest.BatchStep;
import org.roomwatch.core.ingest.IngestPipeline;
import org.roomwatch.core.search.Hit;
import org.roomwatch.core.search.MessageQuery;
import org.roomwatch.core.search.MessageSort;
import org.roomwatch.core.watch.AlertNotice;
import org.roomwatch.core.watch.Rule;
import org.roomwatch.core.watch.RuleKind;
import org.roomwatch.core.watch.Watchlist;
import org.roomwatch.crawler.http.PoliteFetcher;
import org.roomwatch.crawler.http.WebPhotos;
import org.roomwatch.crawler.schedule.RoomCrawler;
import org.roomwatch.crawler.telegram.PublicRoomSource;
import org.roomwatch.indexer.AlertStore;
import org.roomwatch.indexer.BulkMessageWriter;
import org.roomwatch.indexer.ElasticsearchSearchService;
import org.roomwatch.indexer.IndexNames;
import org.roomwatch.indexer.Ingest;
import org.roomwatch.indexer.LiveWatch;
import org.roomwatch.indexer.MessageEnricher;
import org.roomwatch.indexer.OcrSweep;
import org.roomwatch.indexer.WatchMatcher;
import org.roomwatch.indexer.testing.IndicesExtension;
import org.roomwatch.indexer.testing.TestIndices;
import org.roomwatch.media.DecodeLimits;
import org.roomwatch.media.ImageHasher;
import org.roomwatch.media.PhotoHashing;
import org.roomwatch.media.ocr.Ocr;
import org.roomwatch.media.ocr.OcrPool;
import org.roomwatch.simulator.SimPost;
import org.roomwatch.simulator.SimRoom;
import org.roomwatch.simulator.SyntheticTextPictures;
import org.roomwatch.simulator.TelegramSite;
import org.roomwatch.tagging.Lexicon;
import org.roomwatch.tagging.Tagging;
import org.roomwatch.testkit.ControlPlaneExtension;
import org.roomwatch.testkit.Machine;
import org.roomwatch.testkit.Needs;

/**
 * Text in pictures through the real crawl into the real index: a caption and a profile screenshot are read while the
 * photos are in memory, their text is stored and searchable beside the message's, their schools and phones tagged and
 * marked as found in a picture, a picture without text says so; and when OCR cannot keep up, every message is stored
 * all the same with the reason its pictures' text was not read.
 */
@ExtendWith(ControlPlaneExtension.class)
@ExtendWith(IndicesExtension.class)
@Needs({Machine.OCR_MODELS, Machine.KOREAN_FONTS})
class PictureTextIngestTest {
    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
    private TelegramSite site;
    private JdbcRoomRegistry registry;
    private ElasticsearchClient client;
    private IndexNames names;
    private BulkMessageWriter writer;
    private Tagging tagging;
    private ControlPlaneDatabase db;

    @BeforeEach
    void setUp(TestIndices indices, ControlPlaneDatabase db) {
        site = TelegramSite.start();
        this.db = db;
        registry = new JdbcRoomRegistry(db.dataSource());
        client = indices.client();
        names = indices.names();
        tagging = new Tagging(SampleSchools.load(), List.of(), new Lexicon(new ConfigLoader().defaults().signals().lexicon()));
        writer = new BulkMessageWriter(client, names, new MessageEnricher(() -> tagging), new ConfigLoader().defaults().elasticsearch());
    }

    @AfterEach
    void tearDown() {
        writer.close();
        site.close();
    }

    /** A room of {@code posts} posts with a photo each, crawled with OCR by {@code pool}, waiting {@code wait} a batch. */
    private void crawl(String room, int posts, OcrPool pool, Duration wait) throws Exception {
        crawl(room, posts, pool, wait, null);
    }

    /** The same, stored through {@code ingest}'s pipeline when given (it then applies late text). */
    private void crawl(String room, int posts, OcrPool pool, Duration wait, java.util.function.Function<BatchStep, IngestPipeline> ingest)
            throws Exception {
        SimRoom sim = new SimRoom(room, "사진 방", "설명", false, 300, true);
        for (long id = 1; id <= posts; id++) {
            sim.add(new SimPost(id, T0.plusSeconds(id * 60), null, "사진 " + id, null, null, 10, false, 1, false, null, false));
        }
        site.add(sim);
        CrawlerConfig crawl = new ConfigLoader().defaults().crawler().withTelegramBaseUrl(site.baseUrl()).withRequestsPerSecondPerHost(500);
        PoliteFetcher fetcher = new PoliteFetcher(crawl, Clock.systemUTC(), duration -> { });
        PhotoHashing<RuntimeException> photos = new PhotoHashing<>(new WebPhotos(fetcher), new ImageHasher(DecodeLimits.DEFAULT))
                .withText(pool, wait);
        IngestPipeline pipeline = ingest == null ? IngestPipeline.storing(writer, photos::hash) : ingest.apply(photos::hash);
        RoomCrawler crawler = new RoomCrawler(registry, Map.of(SourceKind.PUBLIC, new PublicRoomSource(fetcher, site.baseUrl(), 100,
                Clock.systemUTC())), pipeline, Clock.systemUTC());
        registry.put(new WatchedRoom(room, SourceKind.PUBLIC, Duration.ofMinutes(5)));
        RoomCrawler.Outcome outcome = crawler.crawl(room);
        assertTrue(outcome.ok(), outcome.summary());
        assertEquals(posts, outcome.stored());
        client.indices().refresh(r -> r.index(names.messages()));
    }

    @SuppressWarnings("unchecked")
    private Map<Long, Map<String, Object>> messages(String room) throws Exception {
        Map<Long, Map<String, Object>> byId = new HashMap<>();
        var response = client.search(s -> s.index(names.messages()).size(100)
                .query(q -> q.term(t -> t.field("room").value(room))), Map.class);
        response.hits().hits().forEach(h -> byId.put(((Number) h.source().get("message_id")).longValue(), h.source()));
        return byId;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> photo(Map<String, Object> message) {
        return ((List<Map<String, Object>>) message.get("media")).get(0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void captionsAndProfilesAreReadTaggedMarkedAndFoundBySearch() throws Exception {
        Ocr ocr = Ocr.check(new ConfigLoader().defaults().ocr());
        SyntheticTextPictures.Sample caption = SyntheticTextPictures.sample(SyntheticTextPictures.Kind.CAPTION, 5);
        SyntheticTextPictures.Sample profile = SyntheticTextPictures.sample(SyntheticTextPictures.Kind.PROFILE, 3);
        site.serveRaw("/img/text_room/1-0.png", 200, "image/png", caption.bytes());
        site.serveRaw("/img/text_room/2-0.png", 200, "image/png", profile.bytes());
        // Post 3 keeps the simulator's own picture: shapes, no text.
        try (OcrPool pool = new OcrPool(ocr, DecodeLimits.DEFAULT)) {
            crawl("text_room", 3, pool, Duration.ofSeconds(30));
        }
        Map<Long, Map<String, Object>> stored = messages("text_room");

        Map<String, Object> captioned = stored.get(1L);
        assertEquals("text", photo(captioned).get("ocr"), captioned.toString());
        String read = (String) captioned.get("image_text");
        assertTrue(read.replace(" ", "").contains(caption.text().replace(" ", "").substring(0, 4)), read + " for " + caption.text());
        assertEquals(read, photo(captioned).get("image_text"));
        client.indices().refresh(r -> r.index(names.media()));
        Map<String, Object> image = client.get(g -> g.index(names.media()).id((String) photo(captioned).get("sha256")), Map.class).source();
        assertEquals(read, image.get("image_text"), "the text is kept on the image too");
        assertTrue(((List<String>) captioned.get("school_ids")).contains(caption.schoolId()), captioned.toString());
        assertTrue(((List<String>) captioned.get("in_picture")).contains("school_ids:" + caption.schoolId()), captioned.toString());
        assertEquals("사진 1", captioned.get("text"), "the message's own text is left as it was");

        Map<String, Object> screenshot = stored.get(2L);
        List<String> marks = (List<String>) screenshot.get("in_picture");
        assertTrue(marks.contains("school_ids:" + profile.schoolId()), screenshot.toString());
        assertTrue(marks.stream().anyMatch(m -> m.startsWith("phones:")), screenshot.toString());

        Map<String, Object> plain = stored.get(3L);
        // Skipped by the cheap check before Tesseract ran (no_text_seen), or read and found empty (no_text).
        assertTrue(Set.of("no_text_seen", "no_text").contains(photo(plain).get("ocr")), plain.toString());
        assertNull(plain.get("image_text"));
        assertNull(plain.get("in_picture"));

        // A word of the caption finds the message, the fragment from the picture marked as such.
        ElasticsearchSearchService search = new ElasticsearchSearchService(client, names, () -> tagging);
        String word = caption.text().split(" ")[caption.text().split(" ").length - 1];
        var page = search.messages(new MessageQuery(word, null, null, null, null, MessageSort.NEWEST, 1, 20, true));
        Hit hit = page.hits().stream().filter(h -> ((Number) h.source().get("message_id")).longValue() == 1L).findFirst()
                .orElseThrow(() -> new AssertionError("'" + word + "' found in the caption: " + page.hits()));
        assertTrue(hit.highlights().stream().anyMatch(h -> h.startsWith(Hit.PICTURE_MARK) && h.contains("<mark>")),
                hit.highlights().toString());

        // A watchlist's word matches the stored message through its picture, and the alert says so.
        Watchlist list = new Watchlist("wl-p", "사건 21", "kim", true, true, 1, List.of(), List.of(
                new Rule("r-word", "wl-p", RuleKind.TERM, word, null), new Rule("r-school", "wl-p", RuleKind.SCHOOL, caption.schoolId(), null)));
        List<WatchMatcher.Hit> hits = new WatchMatcher(List.of(list), new JdbcHashSets(db.dataSource())).match(captioned);
        assertEquals(Set.of("r-word", "r-school"), hits.stream().map(h -> h.rule().id()).collect(java.util.stream.Collectors.toSet()));
        assertTrue(hits.stream().allMatch(WatchMatcher.Hit::inPicture), hits.toString());
        AlertStore alerts = new AlertStore(client, names, Clock.systemUTC());
        AlertStore.NewAlert alert = alerts.raise(captioned, "telegram:text_room:1", hits).get(0);
        client.indices().refresh(r -> r.index(names.alerts()));
        Map<String, Object> stored2 = client.get(g -> g.index(names.alerts()).id(alert.id()), Map.class).source();
        for (Map<String, Object> rule : (List<Map<String, Object>>) stored2.get("rules")) {
            assertEquals(true, rule.get("in_picture"), stored2.toString());
        }
    }

    @Test
    void whenOcrCannotKeepUpEveryMessageIsStoredWithTheReason() throws Exception {
        for (int post = 1; post <= 6; post++) {
            site.serveRaw("/img/busy_room/" + post + "-0.png", 200, "image/png",
                    SyntheticTextPictures.sample(SyntheticTextPictures.Kind.PROFILE, 20 + post).bytes());
        }
        // One worker, room for one picture in the queue, and a crawl that does not wait at all.
        Ocr slow = Ocr.check(new OcrConfig(true, "", "kor+eng", 1, 1, Duration.ofSeconds(10), 5.0, 12));
        try (OcrPool pool = new OcrPool(slow, DecodeLimits.DEFAULT)) {
            crawl("busy_room", 6, pool, Duration.ZERO);
        }
        Map<Long, Map<String, Object>> stored = messages("busy_room");
        assertEquals(6, stored.size(), "nothing lost");
        int unread = 0;
        for (Map<String, Object> message : stored.values()) {
            String ocr = (String) photo(message).get("ocr");
            assertTrue(Set.of("text", "no_text", "no_text_seen", "queue_full", "pending").contains(ocr), message.toString());
            assertTrue(photo(message).get("sha256") != null, "hashed all the same: " + message);
            if (!ocr.equals("text")) {
                unread++;
                assertFalse(message.containsKey("image_text"), message.toString());
            }
        }
        assertTrue(unread >= 1, "the last picture cannot have been read the instant it was hashed: " + stored.values());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCrawlDoesNotWaitForOcrAndTheTextIsAppliedAndMatchedWhenRead() throws Exception {
        Ocr ocr = Ocr.check(new ConfigLoader().defaults().ocr());
        SyntheticTextPictures.Sample caption = SyntheticTextPictures.sample(SyntheticTextPictures.Kind.CAPTION, 5);
        site.serveRaw("/img/late_room/1-0.png", 200, "image/png", caption.bytes());
        String word = caption.text().split(" ")[caption.text().split(" ").length - 1];
        JdbcWatchlists watchlists = new JdbcWatchlists(db.dataSource());
        Watchlist list = watchlists.create("사건 21", "kim", true, List.of("kim@example.org"), "test");
        watchlists.addRule(list.id(), RuleKind.TERM, word, null, "test");
        List<AlertNotice> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
        LiveWatch watch = new LiveWatch(watchlists, new JdbcHashSets(db.dataSource()), new AlertStore(client, names, Clock.systemUTC()),
                notices::add);
        try (OcrPool pool = new OcrPool(ocr, DecodeLimits.DEFAULT)) {
            crawl("late_room", 2, pool, Duration.ZERO, photos -> new Ingest(photos, writer, watch, null, pool));
            // Stored at once, the picture pending (unless it was read before its batch was done hashing)...
            Object first = photo(messages("late_room").get(1L)).get("ocr");
            assertTrue(Set.of("pending", "text").contains(first), String.valueOf(first));
            // ...and its text applied to the stored message when read, then matched again.
            Map<String, Object> captioned = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                client.indices().refresh(r -> r.index(names.messages()));
                captioned = messages("late_room").get(1L);
                if ("text".equals(photo(captioned).get("ocr")) && !notices.isEmpty()) {
                    break;
                }
                Thread.sleep(100);
            }
            assertEquals("text", photo(captioned).get("ocr"), captioned.toString());
            assertTrue(((String) captioned.get("image_text")).contains(word), captioned.toString());
            assertTrue(((List<String>) captioned.get("in_picture")).contains("school_ids:" + caption.schoolId()), captioned.toString());
            assertEquals("사진 1", captioned.get("text"), "what was captured is left as it was");
            assertEquals(1, notices.size(), notices.toString());
            assertTrue(notices.get(0).ruleKinds().contains(AlertNotice.IN_PICTURE), notices.toString());
            client.indices().refresh(r -> r.index(names.media()));
            String sha256 = (String) photo(captioned).get("sha256");
            Map<String, Object> image = client.get(g -> g.index(names.media()).id(sha256), Map.class).source();
            assertEquals(captioned.get("image_text"), image.get("image_text"));
        }
    }

    /** A stored message whose one photo, at {@code path} on the site, was stored unread for {@code reason}. */
    private Message unread(long id, String path, byte[] bytes, String reason, Instant captured) throws Exception {
        ImageHashes hashes = PhotoHashing.hashesOf(new ImageHasher(DecodeLimits.DEFAULT).hash(bytes, false));
        return new Message("telegram", "swept_room", id, site.baseUrl() + "/swept_room/" + id, T0.plusSeconds(id), "가명", "사진 " + id,
                List.of(), null, null, 3L, false, false, List.of(new MediaRef(MediaKind.PHOTO, site.baseUrl() + path).withHashes(hashes)
                .withText(ImageText.unread(reason))), captured, "test", "x");
    }

    @Test
    @SuppressWarnings("unchecked")
    void picturesStoredUnreadAreFetchedAgainAndReadByOneSweepingProcess() throws Exception {
        Ocr ocr = Ocr.check(new ConfigLoader().defaults().ocr());
        SyntheticTextPictures.Sample caption = SyntheticTextPictures.sample(SyntheticTextPictures.Kind.CAPTION, 5);
        SyntheticTextPictures.Sample other = SyntheticTextPictures.sample(SyntheticTextPictures.Kind.CAPTION, 6);
        site.serveRaw("/img/swept/1.png", 200, "image/png", caption.bytes());
        site.serveRaw("/img/swept/2.png", 200, "image/png", other.bytes()); // no longer the picture that was hashed
        site.serveRaw("/img/swept/3.png", 200, "image/png", caption.bytes());
        site.serveRaw("/img/swept/4.png", 200, "image/png", caption.bytes());
        Instant now = Instant.now();
        writer.writeMessages(List.of(
                unread(1, "/img/swept/1.png", caption.bytes(), "queue_full", now),
                unread(2, "/img/swept/2.png", caption.bytes(), "queue_full", now),
                unread(3, "/img/swept/3.png", caption.bytes(), ImageText.PENDING, now.minus(Duration.ofMinutes(20))),
                unread(4, "/img/swept/4.png", caption.bytes(), ImageText.PENDING, now)));
        client.indices().refresh(r -> r.index(names.messages()));
        // Another process claimed message 1 a moment ago.
        client.update(u -> u.index(names.messages()).id("telegram:swept_room:1")
                .doc(Map.of("ocr_claimed_by", "crawler-b", "ocr_claim_until", now.plus(Duration.ofMinutes(5)).toString())), Map.class);
        client.indices().refresh(r -> r.index(names.messages()));

        CrawlerConfig crawl = new ConfigLoader().defaults().crawler().withTelegramBaseUrl(site.baseUrl()).withRequestsPerSecondPerHost(500);
        PoliteFetcher fetcher = new PoliteFetcher(crawl, Clock.systemUTC(), duration -> { });
        try (OcrPool pool = new OcrPool(ocr, DecodeLimits.DEFAULT)) {
            OcrSweep sweep = new OcrSweep(client, names, () -> tagging, new WebPhotos(fetcher), pool, Duration.ofSeconds(30),
                    20_000_000, null, "crawler-a", Clock.fixed(now, java.time.ZoneOffset.UTC));
            assertEquals(2, sweep.sweepOnce(20), "2 and 3: 1 is claimed by crawler-b, 4 may still be read by its own process");
            client.indices().refresh(r -> r.index(names.messages(), names.media()));
            Map<Long, Map<String, Object>> stored = messages("swept_room");
            assertEquals("queue_full", photo(stored.get(1L)).get("ocr"));
            assertEquals("changed", photo(stored.get(2L)).get("ocr"), "another picture now at the address is not read as the one hashed");
            assertNull(stored.get(2L).get("image_text"));
            Map<String, Object> read = stored.get(3L);
            assertEquals("text", photo(read).get("ocr"), read.toString());
            assertTrue(((List<String>) read.get("in_picture")).contains("school_ids:" + caption.schoolId()), read.toString());
            assertEquals("crawler-a", read.get("ocr_claimed_by"));
            assertEquals(ImageText.PENDING, photo(stored.get(4L)).get("ocr"));
            String sha256 = (String) photo(read).get("sha256");
            assertEquals(read.get("image_text"), client.get(g -> g.index(names.media()).id(sha256), Map.class).source().get("image_text"),
                    "the image's document gets the text too");

            // Once crawler-b's claim has lapsed, message 1 is swept too.
            OcrSweep later = new OcrSweep(client, names, () -> tagging, new WebPhotos(fetcher), pool, Duration.ofSeconds(30),
                    20_000_000, null, "crawler-a", Clock.fixed(now.plus(Duration.ofMinutes(6)), java.time.ZoneOffset.UTC));
            assertEquals(1, later.sweepOnce(20));
            client.indices().refresh(r -> r.index(names.messages()));
            assertEquals("text", photo(messages("swept_room").get(1L)).get("ocr"));
        }
    }

    @Test
    void aPictureThatCannotBeFetchedAgainIsMarkedGoneAndNotTriedAgain() throws Exception {
        Ocr ocr = Ocr.check(new ConfigLoader().defaults().ocr());
        SyntheticTextPictures.Sample caption = SyntheticTextPictures.sample(SyntheticTextPictures.Kind.CAPTION, 5);
        site.serveRaw("/img/swept/gone.png", 404, "text/plain", "gone".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        writer.writeMessages(List.of(unread(9, "/img/swept/gone.png", caption.bytes(), "queue_full", Instant.now())));
        client.indices().refresh(r -> r.index(names.messages()));
        CrawlerConfig crawl = new ConfigLoader().defaults().crawler().withTelegramBaseUrl(site.baseUrl()).withRequestsPerSecondPerHost(500);
        PoliteFetcher fetcher = new PoliteFetcher(crawl, Clock.systemUTC(), duration -> { });
        try (OcrPool pool = new OcrPool(ocr, DecodeLimits.DEFAULT)) {
            OcrSweep sweep = new OcrSweep(client, names, () -> tagging, new WebPhotos(fetcher), pool, Duration.ofSeconds(30),
                    20_000_000, null, "crawler-a", Clock.systemUTC());
            assertEquals(1, sweep.sweepOnce(20));
            client.indices().refresh(r -> r.index(names.messages()));
            assertEquals("gone", photo(messages("swept_room").get(9L)).get("ocr"));
            assertEquals(0, sweep.sweepOnce(20), "a picture marked gone is not looked for again");
        }
    }
}
