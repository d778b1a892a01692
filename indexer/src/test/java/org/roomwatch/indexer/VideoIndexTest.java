package org.roomwatch.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomwatch.core.MediaKind;
import org.roomwatch.core.MediaRef;
import org.roomwatch.core.Message;
import org.roomwatch.core.VideoHashes;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.search.ImageSearch.PdqQuery;
import org.roomwatch.core.search.VideoRecord;
import org.roomwatch.core.search.VideoSearch.FrameMatch;
import org.roomwatch.core.search.VideoSearch.VideoMatch;
import org.roomwatch.indexer.testing.IndicesExtension;
import org.roomwatch.indexer.testing.TestIndices;
import org.roomwatch.media.PdqHash;
import org.roomwatch.media.VideoFrameHash;
import org.roomwatch.media.Vpdq;

/**
 * Videos in the media index: one document per video, referenced by its messages; vPDQ matching exact against a
 * brute-force comparison with every stored video; stills matched to frames; photos' searches untouched by videos.
 * Frame hashes here are made at the hash level (random, with bits flipped for a re-encoding); the real decoding is
 * tested in media and the crawl.
 */
@ExtendWith(IndicesExtension.class)
class VideoIndexTest {
    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");

    private ElasticsearchClient client;
    private IndexNames names;
    private BulkMessageWriter writer;
    private ElasticsearchVideoSearch videos;

    @BeforeEach
    void setUp(TestIndices indices) {
        client = indices.client();
        names = indices.names();
        writer = new BulkMessageWriter(client, names, new MessageEnricher(), new ConfigLoader().defaults().elasticsearch());
        videos = new ElasticsearchVideoSearch(client, names);
    }

    private void refresh() throws IOException {
        client.indices().refresh(r -> r.index(names.media(), names.messages()));
    }

    /** {@code n} frames, one a second, of random content (each frame its own random hash). */
    static List<VideoHashes.Frame> clip(Random random, int n) {
        List<VideoHashes.Frame> frames = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PdqHash h = new PdqHash(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
            frames.add(new VideoHashes.Frame(i * 25, 90, h.hex(), i));
        }
        return frames;
    }

    /** A re-encoding: every frame with {@code bits} bits flipped. */
    static List<VideoHashes.Frame> reencoded(List<VideoHashes.Frame> frames, int bits, Random random) {
        List<VideoHashes.Frame> out = new ArrayList<>();
        for (VideoHashes.Frame f : frames) {
            PdqHash h = PdqHash.fromHex(f.pdq());
            Set<Integer> chosen = new TreeSet<>();
            while (chosen.size() < bits) {
                chosen.add(random.nextInt(256));
            }
            for (int b : chosen) {
                h = h.flip(b);
            }
            out.add(new VideoHashes.Frame(f.frameNumber(), f.quality(), h.hex(), f.timestamp()));
        }
        return out;
    }

    static VideoHashes video(List<VideoHashes.Frame> frames, long seed) {
        Random random = new Random(seed);
        byte[] sha = new byte[32];
        byte[] md5 = new byte[16];
        random.nextBytes(sha);
        random.nextBytes(md5);
        return new VideoHashes(HexFormat.of().formatHex(sha), HexFormat.of().formatHex(md5), 123_456, frames.size(), 640, 360,
                "mov,mp4,m4a,3gp,3g2,mj2", frames);
    }

    private static Message post(String room, long id, Instant at, VideoHashes video) {
        return new Message("telegram", room, id, "https://t.me/" + room + "/" + id, at, null, "영상", List.of(), null, null,
                1L, false, false, List.of(new MediaRef(MediaKind.VIDEO, "https://cdn.example/" + id + ".mp4").withVideo(video)),
                at, "https://t.me/s/" + room, "cd".repeat(32));
    }

    @Test
    void oneDocumentPerVideoReferencedByItsMessagesAndRecrawlsChangeNothing() throws IOException {
        VideoHashes v = video(clip(new Random(1), 12), 1);
        writer.writeMessages(List.of(post("room_a", 1, T0.plusSeconds(100), v)));
        writer.writeMessages(List.of(post("room_a", 1, T0.plusSeconds(100), v)));
        writer.writeMessages(List.of(post("room_b", 9, T0, v)));
        refresh();
        VideoRecord record = videos.bySha256(v.sha256().toUpperCase()).orElseThrow();
        assertEquals(2, record.count());
        assertEquals(Set.of("telegram:room_a", "telegram:room_b"), Set.copyOf(record.rooms()));
        assertEquals(T0, record.firstSeen());
        assertEquals(T0.plusSeconds(100), record.lastSeen());
        assertEquals(12, record.framesHashed());
        assertEquals(12.0, record.durationSeconds(), 1e-9);
        assertEquals(List.of(record), videos.byMd5(v.md5()));
        assertTrue(videos.bySha256("00".repeat(32)).isEmpty());

        Map<String, Object> message = client.get(g -> g.index(names.messages()).id("telegram:room_a:1"), Map.class).source();
        assertEquals(List.of(v.sha256()), message.get("media_sha256"));
        // Photo searches never answer with a video, whatever they ask.
        ElasticsearchImageSearch images = new ElasticsearchImageSearch(client, names, ElasticsearchImageSearch.Method.MIH);
        assertTrue(images.bySha256(v.sha256()).isEmpty());
        assertTrue(images.byMd5(v.md5()).isEmpty());
        assertTrue(images.nearDuplicates(List.of(new PdqQuery(v.frames().get(3).pdq(), "original")), 64).isEmpty());
    }

    @Test
    void reencodingsAndTrimmedCopiesMatchUnderTheVpdqRuleAndOthersDoNot() throws IOException {
        Random random = new Random(7);
        List<VideoHashes.Frame> original = clip(random, 60);
        VideoHashes a = video(original, 1);
        VideoHashes reencoded = video(reencoded(original, 20, random), 2);
        VideoHashes trimmed = video(original.subList(10, 40), 3);
        VideoHashes other = video(clip(random, 60), 4);
        writer.writeMessages(List.of(post("r", 1, T0, a), post("r", 2, T0, reencoded), post("r", 3, T0, trimmed), post("r", 4, T0, other)));
        refresh();

        List<VideoMatch> found = videos.matches(original, Vpdq.QUERY_THRESHOLD_PERCENT, Vpdq.COMPARED_THRESHOLD_PERCENT);
        // The trimmed copy covers only half the query's frames: under 80 %, not a match for the whole video.
        assertEquals(Set.of(a.sha256(), reencoded.sha256()), found.stream().map(m -> m.video().sha256()).collect(Collectors.toSet()));
        VideoMatch copy = found.stream().filter(m -> m.video().sha256().equals(reencoded.sha256())).findFirst().orElseThrow();
        assertEquals(100.0, copy.queryPercent(), 1e-9);
        assertEquals(100.0, copy.comparedPercent(), 1e-9);
        assertEquals(60, copy.pairs().size());
        assertEquals(20, copy.pairs().get(5).distance());
        assertEquals(5.0, copy.pairs().get(5).storedTimestamp(), 1e-9);

        // Asked with the trimmed copy, the whole video covers all of it, and it covers half the whole one.
        List<VideoMatch> fromTrim = videos.matches(original.subList(10, 40), 80, 0);
        VideoMatch whole = fromTrim.stream().filter(m -> m.video().sha256().equals(a.sha256())).findFirst().orElseThrow();
        assertEquals(100.0, whole.queryPercent(), 1e-9);
        assertEquals(50.0, whole.comparedPercent(), 1e-9);
        assertEquals(10, whole.pairs().get(0).storedFrame() / 25);
        // The compared threshold applies too: asking that 60 % of the stored video be covered leaves the trimmed copy only.
        assertEquals(Set.of(trimmed.sha256()), videos.matches(original.subList(10, 40), 80, 60).stream()
                .map(m -> m.video().sha256()).collect(Collectors.toSet()));
        assertTrue(videos.matches(clip(new Random(99), 30), 80, 0).isEmpty());
    }

    @Test
    void matchingIsExactAgainstABruteForceComparisonWithEveryStoredVideo() throws IOException {
        Random random = new Random(11);
        List<VideoHashes> stored = new ArrayList<>();
        List<List<VideoHashes.Frame>> sources = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            sources.add(clip(random, 20 + random.nextInt(30)));
        }
        List<Message> posts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            List<VideoHashes.Frame> base = sources.get(random.nextInt(sources.size()));
            int from = random.nextInt(base.size() / 2);
            int to = from + 1 + random.nextInt(base.size() - from);
            // Copies cut anywhere, re-encoded with up to 40 bits changed per frame: some within 31, some not.
            VideoHashes v = video(reencoded(base.subList(from, to), random.nextInt(41), random), 1000 + i);
            stored.add(v);
            posts.add(post("r" + i % 9, i + 1, T0.plusSeconds(i), v));
        }
        writer.writeMessages(posts);
        refresh();
        int matched = 0;
        for (int q = 0; q < 12; q++) {
            List<VideoHashes.Frame> base = sources.get(q);
            List<VideoHashes.Frame> query = reencoded(base.subList(q % 3, base.size()), q, random);
            for (double[] thresholds : new double[][] {{80, 0}, {50, 50}, {0, 0}}) {
                Set<String> expected = new java.util.HashSet<>();
                for (VideoHashes v : stored) {
                    Vpdq.Comparison c = Vpdq.compare(media(query), media(v.frames()), Vpdq.DISTANCE);
                    if (!c.pairs().isEmpty() && c.matches(thresholds[0], thresholds[1])) {
                        expected.add(v.sha256());
                    }
                }
                Set<String> found = videos.matches(query, thresholds[0], thresholds[1]).stream().map(m -> m.video().sha256())
                        .collect(Collectors.toSet());
                assertEquals(expected, found, "query " + q + " at " + thresholds[0] + "/" + thresholds[1]);
                matched += found.size();
            }
        }
        // Not a comparison of empty sets: the queries do find copies (and, above, miss those changed past 31).
        assertTrue(matched > 30, "matches found: " + matched);
    }

    @Test
    void aLongQueryIsAskedInGroupsAndStillFindsItsMatch() throws IOException {
        Random random = new Random(5);
        List<VideoHashes.Frame> longVideo = clip(random, ElasticsearchVideoSearch.FRAMES_PER_REQUEST * 2 + 88);
        VideoHashes v = video(longVideo, 8);
        writer.writeMessages(List.of(post("r", 1, T0, v), post("r", 2, T0, video(clip(random, 600), 9))));
        refresh();
        List<VideoMatch> found = videos.matches(reencoded(longVideo, 10, random), 80, 0);
        assertEquals(List.of(v.sha256()), found.stream().map(m -> m.video().sha256()).toList());
        assertEquals(longVideo.size(), found.get(0).pairs().size());
    }

    @Test
    void aStillMatchesTheVideosWithAFrameWithinTheDistance() throws IOException {
        Random random = new Random(3);
        List<VideoHashes.Frame> frames = new ArrayList<>(clip(random, 30));
        // A frame below quality 50 takes no part in matching, as in vPDQ.
        PdqHash dull = new PdqHash(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
        frames.set(20, new VideoHashes.Frame(500, 30, dull.hex(), 20));
        VideoHashes v = video(frames, 12);
        writer.writeMessages(List.of(post("r", 1, T0, v)));
        refresh();
        PdqHash still = PdqHash.fromHex(frames.get(17).pdq());
        for (int b = 0; b < 31; b++) {
            still = still.flip(b * 7);
        }
        List<FrameMatch> found = videos.videosWithFrameNear(List.of(new PdqQuery(still.hex(), "original")), 31);
        assertEquals(1, found.size());
        assertEquals(17.0, found.get(0).timestamp(), 1e-9);
        assertEquals(31, found.get(0).distance());
        assertEquals(v.sha256(), found.get(0).video().sha256());
        assertTrue(videos.videosWithFrameNear(List.of(new PdqQuery(still.flip(255).flip(254).hex(), "original")), 31).stream()
                .allMatch(m -> m.distance() <= 31));
        assertTrue(videos.videosWithFrameNear(List.of(new PdqQuery(dull.hex(), "original")), 31).isEmpty());
        assertEquals(1, videos.videosWithFrameNear(List.of(new PdqQuery(still.hex(), "original")), 64).size());
    }

    @Test
    void badQueriesAreRefusedWithWhatIsWrong() {
        List<VideoHashes.Frame> dull = List.of(new VideoHashes.Frame(0, 10, "ab".repeat(32), 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> videos.matches(dull, 80, 0));
        assertTrue(e.getMessage().contains("quality 50"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> videos.matches(clip(new Random(1), 3), 101, 0));
        assertThrows(IllegalArgumentException.class, () -> videos.videosWithFrameNear(List.of(), 65));
    }

    @Test
    void anIndexMadeBeforeVideosGainsTheirFieldsInPlace(TestIndices indices) throws IOException {
        IndexNames old = new IndexNames(indices.prefix() + "old-");
        String photosOnly = """
                {"mappings":{"dynamic":"strict","properties":{"sha256":{"type":"keyword"},"md5":{"type":"keyword"},
                "pdq":{"type":"keyword"}}}}""";
        client.indices().create(c -> c.index(old.media()).withJson(new ByteArrayInputStream(photosOnly.getBytes(StandardCharsets.UTF_8))));
        new IndexManager(client, old).ensure(old.media(), "media");
        var mapping = client.indices().getMapping(m -> m.index(old.media())).result().get(old.media()).mappings().properties();
        assertTrue(mapping.containsKey("frame_chunks"), mapping.keySet().toString());
        assertTrue(mapping.containsKey("kind"));

        // A field whose type changed cannot be mended in place: start-up is refused, saying which.
        IndexNames clash = new IndexNames(indices.prefix() + "clash-");
        String wrong = """
                {"mappings":{"properties":{"sha256":{"type":"keyword"},"kind":{"type":"integer"}}}}""";
        client.indices().create(c -> c.index(clash.media()).withJson(new ByteArrayInputStream(wrong.getBytes(StandardCharsets.UTF_8))));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new IndexManager(client, clash).ensure(clash.media(), "media"));
        assertTrue(e.getMessage().contains("kind is integer, expected keyword"), e.getMessage());
        client.indices().delete(d -> d.index(old.media(), clash.media()));
    }

    private static List<VideoFrameHash> media(List<VideoHashes.Frame> frames) {
        return frames.stream().map(f -> new VideoFrameHash(f.frameNumber(), f.quality(), PdqHash.fromHex(f.pdq()), f.timestamp())).toList();
    }
}
