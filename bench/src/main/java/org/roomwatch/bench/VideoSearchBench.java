package org.roomwatch.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.roomwatch.core.VideoHashes;
import org.roomwatch.core.search.VideoSearch.VideoMatch;
import org.roomwatch.esnode.NodeSettings;
import org.roomwatch.indexer.ElasticsearchClients;
import org.roomwatch.indexer.ElasticsearchVideoSearch;
import org.roomwatch.indexer.IndexManager;
import org.roomwatch.indexer.IndexNames;
import org.roomwatch.indexer.VideoDocuments;
import org.roomwatch.media.PdqHash;
import org.roomwatch.media.Vpdq;

/**
 * Video search at scale: N stored videos of F frames each (random frame hashes; a fifth of the videos are copies of
 * others, re-encoded or cut), indexed in bulk as the crawl indexes them; then re-encoded copies, cut pieces and
 * unrelated clips queried through the search the API uses, at ThreatExchange's thresholds (80 % of the query, 0 % of
 * the other). Every answer is checked against a brute-force comparison of the query with every stored frame, so
 * recall is measured, not assumed.
 */
final class VideoSearchBench {
    private final int videos;
    private final int framesPerVideo;
    private final int queries;
    private final String esUrl;
    private final PrintStream out;

    VideoSearchBench(int videos, int framesPerVideo, int queries, String esUrl, PrintStream out) {
        this.videos = videos;
        this.framesPerVideo = framesPerVideo;
        this.queries = queries;
        this.esUrl = esUrl;
        this.out = out;
    }

    /** The stored frames, flat: video v's frame f is at {@code 4 * (v * F + f)}. */
    private long[] frames;

    void run() throws Exception {
        BenchElasticsearch node = BenchElasticsearch.open(esUrl, base -> new NodeSettings(base.workDir(), null, 3072,
                base.runAsUser(), null, null));
        URI url = node.url();
        IndexNames names = new IndexNames("bench-videos-" + System.currentTimeMillis() + "-");
        ElasticsearchClient client = ElasticsearchClients.create(url, Duration.ofMinutes(30));
        try {
            new IndexManager(client, names).ensureAll();
            Random random = new Random(17);
            frames = new long[videos * framesPerVideo * 4];
            for (int v = 0; v < videos; v++) {
                if (v >= 10 && random.nextInt(5) == 0) {
                    copy(random.nextInt(v), v, random.nextInt(24), random); // a re-encoding of an earlier video
                } else {
                    for (int i = 0; i < framesPerVideo * 4; i++) {
                        frames[v * framesPerVideo * 4 + i] = random.nextLong();
                    }
                }
            }
            long start = System.nanoTime();
            index(client, names);
            client.indices().refresh(r -> r.index(names.media()));
            client.indices().forcemerge(f -> f.index(names.media()).maxNumSegments(1L).waitForCompletion(true));
            out.printf(Locale.ROOT, "%nindexed %d videos of %d frames (%d frame hashes) in %.1f s (bulk, refresh, force-merge to one segment)%n",
                    videos, framesPerVideo, (long) videos * framesPerVideo, (System.nanoTime() - start) / 1e9);

            ElasticsearchVideoSearch search = new ElasticsearchVideoSearch(client, names);
            List<List<VideoHashes.Frame>> copies = new ArrayList<>();
            List<List<VideoHashes.Frame>> pieces = new ArrayList<>();
            List<List<VideoHashes.Frame>> unrelated = new ArrayList<>();
            for (int q = 0; q < queries; q++) {
                int v = random.nextInt(videos);
                copies.add(flipped(stored(v, 0, framesPerVideo), 1 + random.nextInt(30), random));
                int from = random.nextInt(framesPerVideo / 2);
                pieces.add(flipped(stored(random.nextInt(videos), from, from + framesPerVideo / 4), random.nextInt(20), random));
                unrelated.add(randomClip(framesPerVideo, random));
            }
            for (int w = 0; w < Math.min(20, queries); w++) {
                search.matches(unrelated.get(w), Vpdq.QUERY_THRESHOLD_PERCENT, Vpdq.COMPARED_THRESHOLD_PERCENT); // warm-up
            }
            Table table = Table.start(out, Table.text("queries", 40), Table.number("n", "%d"), Table.number("recall", "%.4f"),
                    Table.number("extra", "%d"), Table.number("matches", "%d"), Table.number("p50 ms", "%.1f"),
                    Table.number("p95 ms", "%.1f"), Table.number("p99 ms", "%.1f"), Table.number("brute ms", "%.0f"));
            row(table, "re-encoded copies (1-30 bits a frame)", search, copies);
            row(table, "quarter-length pieces (0-19 bits)", search, pieces);
            row(table, "unrelated clips", search, unrelated);
            out.println("(recall: share of the brute-force matches found; extra: answers the brute force does not give;"
                    + " brute ms: the in-process scan of every stored frame for one query, median)");
        } finally {
            try {
                client.indices().delete(d -> d.index(names.all()));
            } catch (Exception e) {
                System.err.println("could not delete the benchmark indices: " + e.getMessage());
            }
            node.close();
        }
    }

    private void copy(int from, int to, int bits, Random random) {
        for (int f = 0; f < framesPerVideo; f++) {
            PdqHash h = hashAt(from, f);
            for (int b = 0; b < bits; b++) {
                h = h.flip(random.nextInt(256));
            }
            int at = 4 * (to * framesPerVideo + f);
            frames[at] = h.w0();
            frames[at + 1] = h.w1();
            frames[at + 2] = h.w2();
            frames[at + 3] = h.w3();
        }
    }

    private PdqHash hashAt(int video, int frame) {
        int at = 4 * (video * framesPerVideo + frame);
        return new PdqHash(frames[at], frames[at + 1], frames[at + 2], frames[at + 3]);
    }

    private List<VideoHashes.Frame> stored(int video, int from, int to) {
        List<VideoHashes.Frame> out = new ArrayList<>();
        for (int f = from; f < to; f++) {
            out.add(new VideoHashes.Frame(f * 30, 100, hashAt(video, f).hex(), f));
        }
        return out;
    }

    private static List<VideoHashes.Frame> flipped(List<VideoHashes.Frame> frames, int bits, Random random) {
        List<VideoHashes.Frame> out = new ArrayList<>();
        for (VideoHashes.Frame f : frames) {
            PdqHash h = PdqHash.fromHex(f.pdq());
            Set<Integer> chosen = new HashSet<>();
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

    private static List<VideoHashes.Frame> randomClip(int n, Random random) {
        List<VideoHashes.Frame> out = new ArrayList<>();
        for (int f = 0; f < n; f++) {
            out.add(new VideoHashes.Frame(f * 30, 100, new PdqHash(random.nextLong(), random.nextLong(), random.nextLong(),
                    random.nextLong()).hex(), f));
        }
        return out;
    }

    private static String id(int video) {
        return String.format(Locale.ROOT, "%064x", video);
    }

    private void index(ElasticsearchClient client, IndexNames names) throws Exception {
        int batch = 500;
        for (int from = 0; from < videos; from += batch) {
            List<BulkOperation> ops = new ArrayList<>(batch);
            for (int v = from; v < Math.min(videos, from + batch); v++) {
                VideoHashes hashes = new VideoHashes(id(v), String.format(Locale.ROOT, "%032x", v), 1_000_000, framesPerVideo,
                        640, 360, "mov,mp4,m4a,3gp,3g2,mj2", stored(v, 0, framesPerVideo));
                Map<String, Object> doc = VideoDocuments.newDocument(hashes);
                doc.put("count", 1);
                String id = id(v);
                ops.add(BulkOperation.of(o -> o.index(x -> x.index(names.media()).id(id).document(doc))));
            }
            BulkResponse response = client.bulk(b -> b.operations(ops));
            if (response.errors()) {
                throw new IllegalStateException("bulk errors, first: " + response.items().stream()
                        .filter(it -> it.error() != null).findFirst().map(it -> it.error().reason()).orElse("?"));
            }
        }
    }

    /**
     * The stored videos that match the query under the vPDQ rule, by comparing every query frame with every stored
     * frame (random frames have no repeats and full quality, so every frame takes part).
     */
    private Set<String> bruteForce(List<VideoHashes.Frame> query) {
        long[][] q = query.stream().map(f -> {
            PdqHash h = PdqHash.fromHex(f.pdq());
            return new long[] {h.w0(), h.w1(), h.w2(), h.w3()};
        }).toArray(long[][]::new);
        Set<String> found = java.util.concurrent.ConcurrentHashMap.newKeySet();
        IntStream.range(0, videos).parallel().forEach(v -> {
            boolean[] queryHit = new boolean[q.length];
            int queryHits = 0;
            for (int f = 0; f < framesPerVideo; f++) {
                int at = 4 * (v * framesPerVideo + f);
                for (int i = 0; i < q.length; i++) {
                    int d = Long.bitCount(frames[at] ^ q[i][0]) + Long.bitCount(frames[at + 1] ^ q[i][1])
                            + Long.bitCount(frames[at + 2] ^ q[i][2]) + Long.bitCount(frames[at + 3] ^ q[i][3]);
                    if (d <= Vpdq.DISTANCE && !queryHit[i]) {
                        queryHit[i] = true;
                        queryHits++;
                    }
                }
            }
            // The compared threshold is 0 %: any pair at all, and the query's share reaching 80 %.
            if (queryHits > 0 && 100.0 * queryHits / q.length >= Vpdq.QUERY_THRESHOLD_PERCENT) {
                found.add(id(v));
            }
        });
        return found;
    }

    private void row(Table table, String label, ElasticsearchVideoSearch search, List<List<VideoHashes.Frame>> asked) {
        double[] millis = new double[asked.size()];
        double[] brute = new double[asked.size()];
        long expectedTotal = 0;
        long foundOfExpected = 0;
        long extra = 0;
        long matches = 0;
        for (int q = 0; q < asked.size(); q++) {
            long start = System.nanoTime();
            List<VideoMatch> found = search.matches(asked.get(q), Vpdq.QUERY_THRESHOLD_PERCENT, Vpdq.COMPARED_THRESHOLD_PERCENT);
            millis[q] = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            Set<String> expected = bruteForce(asked.get(q));
            brute[q] = (System.nanoTime() - start) / 1e6;
            expectedTotal += expected.size();
            matches += found.size();
            for (VideoMatch m : found) {
                if (expected.contains(m.video().sha256())) {
                    foundOfExpected++;
                } else {
                    extra++;
                }
            }
        }
        double recall = expectedTotal == 0 ? 1.0 : (double) foundOfExpected / expectedTotal;
        Arrays.sort(millis);
        Arrays.sort(brute);
        table.row(label, asked.size(), recall, extra, matches, pct(millis, 50), pct(millis, 95), pct(millis, 99), pct(brute, 50));
    }

    static double pct(double[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
