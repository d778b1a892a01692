package org.roomwatch.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomwatch.core.ImageHashes;
import org.roomwatch.core.MediaKind;
import org.roomwatch.core.MediaRef;
import org.roomwatch.core.Message;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.search.ImageMatch;
import org.roomwatch.core.search.ImageRecord;
import org.roomwatch.core.search.ImageSearch.PdqQuery;
import org.roomwatch.indexer.testing.IndicesExtension;
import org.roomwatch.indexer.testing.TestIndices;
import org.roomwatch.media.PdqHash;

@ExtendWith(IndicesExtension.class)
class MediaIndexTest {
    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");

    private ElasticsearchClient client;
    private IndexNames names;
    private BulkMessageWriter writer;
    private MediaIndexWriter media;

    @BeforeEach
    void setUp(TestIndices indices) throws IOException {
        client = indices.client();
        names = indices.names();
        writer = new BulkMessageWriter(client, names, new MessageEnricher(), new ConfigLoader().defaults().elasticsearch());
        media = new MediaIndexWriter(client, names);
    }

    private void refresh() throws IOException {
        client.indices().refresh(r -> r.index(names.media(), names.messages()));
    }

    static ImageHashes hashes(PdqHash pdq, long seed) {
        Random random = new Random(seed);
        byte[] sha = new byte[32];
        byte[] md5 = new byte[16];
        random.nextBytes(sha);
        random.nextBytes(md5);
        return new ImageHashes(HexFormat.of().formatHex(sha), HexFormat.of().formatHex(md5), pdq.hex(), 90, 640, 480, "JPEG", 12345);
    }

    static PdqHash random(Random random) {
        return new PdqHash(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
    }

    static PdqHash flipped(PdqHash h, int bits, Random random) {
        Set<Integer> chosen = new TreeSet<>();
        while (chosen.size() < bits) {
            chosen.add(random.nextInt(256));
        }
        for (int b : chosen) {
            h = h.flip(b);
        }
        return h;
    }

    private Message post(String room, long id, Instant at, ImageHashes image) {
        return new Message("telegram", room, id, "https://t.me/" + room + "/" + id, at, null, "사진", List.of(), null, null,
                1L, false, false, List.of(new MediaRef(MediaKind.PHOTO, "https://cdn.example/" + id + ".jpg").withHashes(image),
                        new MediaRef(MediaKind.PHOTO, "https://cdn.example/broken.jpg").unhashed("not an image: it looks like HTML")),
                at, "https://t.me/s/" + room, "cd".repeat(32));
    }

    @Test
    void oneDocumentPerImageWithWhereAndWhenItWasSeenAndRecrawlsChangeNothing() throws IOException {
        ImageHashes image = hashes(random(new Random(1)), 1);
        writer.writeMessages(List.of(post("room_a", 1, T0.plusSeconds(100), image)));
        writer.writeMessages(List.of(post("room_a", 1, T0.plusSeconds(100), image))); // the same crawl again
        writer.writeMessages(List.of(post("room_b", 9, T0, image), post("room_a", 2, T0.plusSeconds(500), image)));
        refresh();
        ElasticsearchImageSearch search = new ElasticsearchImageSearch(client, names, ElasticsearchImageSearch.Method.MIH);
        ImageRecord record = search.bySha256(image.sha256()).orElseThrow();
        assertEquals(3, record.count());
        assertEquals(List.of("telegram:room_a", "telegram:room_b"), record.rooms().stream().sorted().toList());
        assertEquals(Set.of("telegram:room_a:1", "telegram:room_a:2", "telegram:room_b:9"), Set.copyOf(record.messages()));
        assertEquals(T0, record.firstSeen());
        assertEquals(T0.plusSeconds(500), record.lastSeen());
        assertEquals(image.md5(), record.md5());
        assertEquals(List.of(record), search.byMd5(image.md5().toUpperCase()));
        assertTrue(search.bySha256("00".repeat(32)).isEmpty());

        // The message references the image by its hashes; the photo that could not be hashed says why.
        Map<String, Object> message = client.get(g -> g.index(names.messages()).id("telegram:room_a:1"), Map.class).source();
        assertEquals(List.of(image.sha256()), message.get("media_sha256"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) message.get("media");
        assertEquals(image.pdq(), items.get(0).get("pdq"));
        assertEquals("not an image: it looks like HTML", items.get(1).get("unhashed"));
    }

    @Test
    void concurrentCrawlsOfTheSameImageLoseNoSighting() throws Exception {
        ImageHashes image = hashes(random(new Random(2)), 2);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 10; i++) {
                    media.write(List.of(new MediaIndexWriter.Sighting(image, "telegram:room_" + thread, "telegram:room_" + thread + ":" + i, T0.plusSeconds(i))));
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        refresh();
        ImageRecord record = new ElasticsearchImageSearch(client, names, ElasticsearchImageSearch.Method.MIH).bySha256(image.sha256()).orElseThrow();
        assertEquals(40, record.count());
        assertEquals(40, record.messages().size());
        assertEquals(4, record.rooms().size());
    }

    @Test
    void nearDuplicateSearchFindsExactlyWhatABruteForceScanFinds() throws IOException {
        Random random = new Random(42);
        PdqHash query = random(random);
        List<MediaIndexWriter.Sighting> sightings = new ArrayList<>();
        List<PdqHash> stored = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            // Half are random; half are near the query at every distance from 0 to 63.
            PdqHash h = i % 2 == 0 ? random(random) : flipped(query, (i / 2) % 64, random);
            stored.add(h);
            sightings.add(new MediaIndexWriter.Sighting(hashes(h, 1000 + i), "telegram:bench", "telegram:bench:" + i, T0));
        }
        media.write(sightings);
        refresh();
        for (ElasticsearchImageSearch.Method method : ElasticsearchImageSearch.Method.values()) {
            ElasticsearchImageSearch search = new ElasticsearchImageSearch(client, names, method);
            for (int distance : new int[] {0, 8, 31, 40, 47, 60}) {
                Set<String> expected = new TreeSet<>();
                for (int i = 0; i < stored.size(); i++) {
                    if (stored.get(i).distance(query) <= distance) {
                        expected.add(sightings.get(i).hashes().sha256());
                    }
                }
                List<ImageMatch> found = search.nearDuplicates(List.of(new PdqQuery(query.hex(), "original")), distance);
                assertEquals(expected, found.stream().map(m -> m.image().sha256()).collect(Collectors.toCollection(TreeSet::new)),
                        method + " at distance " + distance);
                for (int i = 1; i < found.size(); i++) {
                    assertTrue(found.get(i - 1).distance() <= found.get(i).distance(), "nearest first");
                }
                assertTrue(expected.size() > 0 || distance == 0);
            }
        }
    }

    @Test
    void aMatchOnAVariantSaysWhichVariantMatched() throws IOException {
        Random random = new Random(5);
        PdqHash stored = random(random);
        media.write(List.of(new MediaIndexWriter.Sighting(hashes(stored, 5), "telegram:r", "telegram:r:1", T0)));
        refresh();
        ElasticsearchImageSearch search = new ElasticsearchImageSearch(client, names, ElasticsearchImageSearch.Method.MIH);
        List<ImageMatch> found = search.nearDuplicates(List.of(new PdqQuery(random(random).hex(), "original"),
                new PdqQuery(flipped(stored, 3, random).hex(), "rotate90")), 31);
        assertEquals(1, found.size());
        assertEquals("rotate90", found.get(0).matchedAs());
        assertEquals(3, found.get(0).distance());
    }

    @Test
    void lookupTellsMd5FromSha256AndReportsMisses() throws IOException {
        ImageHashes a = hashes(random(new Random(6)), 6);
        media.write(List.of(new MediaIndexWriter.Sighting(a, "telegram:r", "telegram:r:1", T0)));
        refresh();
        ElasticsearchImageSearch search = new ElasticsearchImageSearch(client, names, ElasticsearchImageSearch.Method.MIH);
        Map<String, List<ImageRecord>> found = search.lookup(List.of(a.sha256(), a.md5().toUpperCase(), "ff".repeat(16)));
        assertEquals(1, found.get(a.sha256()).size());
        assertEquals(1, found.get(a.md5()).size());
        assertTrue(found.get("ff".repeat(16)).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> search.nearDuplicates(List.of(new PdqQuery(a.pdq(), "original")), 257));
        assertThrows(IllegalArgumentException.class, () -> search.nearDuplicates(List.of(new PdqQuery(a.pdq(), "original")), -1));
        assertFalse(search.nearDuplicates(List.of(new PdqQuery(a.pdq(), "original")), 0).isEmpty());
    }
}
