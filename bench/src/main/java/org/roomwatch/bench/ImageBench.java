package org.roomwatch.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.roomwatch.core.search.ImageMatch;
import org.roomwatch.core.search.ImageSearch.PdqQuery;
import org.roomwatch.esnode.NodeSettings;
import org.roomwatch.indexer.ElasticsearchClients;
import org.roomwatch.indexer.ElasticsearchImageSearch;
import org.roomwatch.indexer.IndexManager;
import org.roomwatch.indexer.IndexNames;
import org.roomwatch.indexer.PdqTerms;
import org.roomwatch.media.DecodeLimits;
import org.roomwatch.media.DecodedImage;
import org.roomwatch.media.ImageHasher;
import org.roomwatch.media.MediaDigests;
import org.roomwatch.media.PdqHash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Near-duplicate search at scale: N synthetic PDQ hashes indexed, then near duplicates (0..31 bits flipped from a
 * stored hash) and random hashes queried through the same search the API uses, with each method. Every answer is
 * checked against an in-process brute-force scan of the same hashes; recall and latency percentiles are printed.
 * Then PDQ's cost per image, decoding and hashing timed apart, at three sizes.
 */
@Command(name = "images", description = "Benchmark exact near-duplicate search and PDQ hashing; prints tables.")
final class ImageBench implements Callable<Integer> {
    @Option(names = "-n", defaultValue = "1000000", description = "stored hashes; default ${DEFAULT-VALUE}") int count;
    @Option(names = "--queries", defaultValue = "1000", description = "queries of each kind; default ${DEFAULT-VALUE}") int queries;
    @Option(names = "--es-url", description = "Elasticsearch URL (default: a managed local node)") String esUrl;
    @Option(names = "--skip-search", description = "only time PDQ hashing") boolean skipSearch;

    @Override
    public Integer call() throws Exception {
        if (!skipSearch) {
            searchBenchmark();
        }
        hashingBenchmark();
        return 0;
    }

    private void searchBenchmark() throws Exception {
        // A million hashes and their chunk terms want more than the tests' 512 MB heap.
        BenchElasticsearch node = BenchElasticsearch.open(esUrl, base -> new NodeSettings(base.workDir(), null, 2048,
                base.runAsUser(), null, null));
        URI url = node.url();
        IndexNames names = new IndexNames("bench-images-" + System.currentTimeMillis() + "-");
        ElasticsearchClient client = ElasticsearchClients.create(url, Duration.ofMinutes(30));
        try {
            new IndexManager(client, names).ensureAll();
            long[] stored = new long[count * 4];
            Random random = new Random(7);
            for (int i = 0; i < stored.length; i++) {
                stored[i] = random.nextLong();
            }
            long start = System.nanoTime();
            index(client, names, stored);
            client.indices().refresh(r -> r.index(names.media()));
            client.indices().forcemerge(f -> f.index(names.media()).maxNumSegments(1L));
            double indexSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "%nindexed %d hashes in %.1f s (bulk, refresh, force-merge to one segment)%n", count, indexSeconds);

            List<PdqHash> near = new ArrayList<>();
            List<PdqHash> far = new ArrayList<>();
            for (int q = 0; q < queries; q++) {
                int i = random.nextInt(count);
                PdqHash h = hashAt(stored, i);
                int bits = random.nextInt(32);
                Set<Integer> flipped = new HashSet<>();
                while (flipped.size() < bits) {
                    flipped.add(random.nextInt(256));
                }
                for (int b : flipped) {
                    h = h.flip(b);
                }
                near.add(h);
                far.add(new PdqHash(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong()));
            }
            Table table = Table.start(System.out, Table.text("method", 8), Table.text("queries", 27), Table.number("n", "%d"),
                    Table.number("recall", "%.4f"), Table.number("extra", "%d"), Table.number("p50 ms", "%.1f"),
                    Table.number("p95 ms", "%.1f"), Table.number("p99 ms", "%.1f"));
            for (ElasticsearchImageSearch.Method method : ElasticsearchImageSearch.Method.values()) {
                ElasticsearchImageSearch search = new ElasticsearchImageSearch(client, names, method);
                for (int w = 0; w < 50; w++) {
                    search.nearDuplicates(List.of(new PdqQuery(far.get(w % far.size()).hex(), "original")), 31);
                }
                row(table, method.name().toLowerCase(Locale.ROOT), "near duplicates (0-31 bits)", search, near, stored);
                row(table, method.name().toLowerCase(Locale.ROOT), "random hashes", search, far, stored);
            }
            bruteForceRow(table, near, stored);
            System.out.println("(recall: share of the brute-force matches found; extra: answers the brute force does not give)");
        } finally {
            try {
                client.indices().delete(d -> d.index(names.all()));
            } catch (Exception e) {
                System.err.println("could not delete the benchmark indices: " + e.getMessage());
            }
            node.close();
        }
    }

    private void index(ElasticsearchClient client, IndexNames names, long[] stored) throws Exception {
        int batch = 5000;
        for (int from = 0; from < count; from += batch) {
            List<BulkOperation> ops = new ArrayList<>(batch);
            for (int i = from; i < Math.min(count, from + batch); i++) {
                String hex = hashAt(stored, i).hex();
                Map<String, Object> doc = new LinkedHashMap<>();
                String id = String.format(Locale.ROOT, "%064x", i);
                doc.put("sha256", id);
                doc.put("pdq", hex);
                doc.put("pdq_chunks", PdqTerms.chunks(hex));
                doc.put("pdq_vector", hex);
                doc.put("quality", 100);
                doc.put("count", 1);
                ops.add(BulkOperation.of(o -> o.index(x -> x.index(names.media()).id(id).document(doc))));
            }
            BulkResponse response = client.bulk(b -> b.operations(ops));
            if (response.errors()) {
                throw new IllegalStateException("bulk errors, first: " + response.items().stream()
                        .filter(it -> it.error() != null).findFirst().map(it -> it.error().reason()).orElse("?"));
            }
        }
    }

    private static PdqHash hashAt(long[] stored, int i) {
        return new PdqHash(stored[4 * i], stored[4 * i + 1], stored[4 * i + 2], stored[4 * i + 3]);
    }

    private static Set<String> bruteForce(PdqHash query, long[] stored, int maxDistance) {
        Set<String> ids = new HashSet<>();
        for (int i = 0, n = stored.length / 4; i < n; i++) {
            int d = Long.bitCount(stored[4 * i] ^ query.w0()) + Long.bitCount(stored[4 * i + 1] ^ query.w1())
                    + Long.bitCount(stored[4 * i + 2] ^ query.w2()) + Long.bitCount(stored[4 * i + 3] ^ query.w3());
            if (d <= maxDistance) {
                ids.add(String.format(Locale.ROOT, "%064x", i));
            }
        }
        return ids;
    }

    private void row(Table table, String method, String label, ElasticsearchImageSearch search, List<PdqHash> hashes, long[] stored) {
        double[] millis = new double[hashes.size()];
        long expectedTotal = 0;
        long foundOfExpected = 0;
        long extra = 0;
        for (int q = 0; q < hashes.size(); q++) {
            long start = System.nanoTime();
            List<ImageMatch> found = search.nearDuplicates(List.of(new PdqQuery(hashes.get(q).hex(), "original")), 31);
            millis[q] = (System.nanoTime() - start) / 1e6;
            Set<String> expected = bruteForce(hashes.get(q), stored, 31);
            Set<String> got = new HashSet<>();
            found.forEach(m -> got.add(m.image().sha256()));
            expectedTotal += expected.size();
            for (String id : got) {
                if (expected.contains(id)) {
                    foundOfExpected++;
                } else {
                    extra++;
                }
            }
        }
        double recall = expectedTotal == 0 ? 1.0 : (double) foundOfExpected / expectedTotal;
        Arrays.sort(millis);
        table.row(method.replace('_', '-'), label, hashes.size(), recall, extra, pct(millis, 50), pct(millis, 95), pct(millis, 99));
    }

    private void bruteForceRow(Table table, List<PdqHash> hashes, long[] stored) {
        double[] millis = new double[Math.min(200, hashes.size())];
        for (int q = 0; q < millis.length; q++) {
            long start = System.nanoTime();
            bruteForce(hashes.get(q), stored, 31);
            millis[q] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        table.row("brute", "in-process scan of " + count, millis.length, 1.0, 0, pct(millis, 50), pct(millis, 95), pct(millis, 99));
    }

    private static double pct(double[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private void hashingBenchmark() throws Exception {
        ImageHasher hasher = new ImageHasher(new DecodeLimits(200_000_000L, 200_000_000L));
        Table table = Table.start(System.out, Table.text("image", 18), Table.number("JPEG KB", "%d"), Table.number("decode ms", "%.2f"),
                Table.number("PDQ ms (luma+filter+DCT)", "%.2f"), Table.number("PDQ / decode", "%.2f"));
        int[][] sizes = {{256, 256}, {1600, 1200}, {4000, 3000}};
        for (int[] size : sizes) {
            byte[] jpeg = jpeg(size[0], size[1]);
            MediaDigests digests = MediaDigests.of(jpeg);
            int reps = size[0] >= 4000 ? 8 : size[0] >= 1600 ? 20 : 200;
            for (int w = 0; w < Math.max(3, reps / 4); w++) {
                hasher.fingerprint(hasher.decoder().decode(jpeg), digests, jpeg.length, false);
            }
            double[] decode = new double[reps];
            double[] hash = new double[reps];
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                DecodedImage decoded = hasher.decoder().decode(jpeg);
                long t1 = System.nanoTime();
                hasher.fingerprint(decoded, digests, jpeg.length, false);
                long t2 = System.nanoTime();
                decode[r] = (t1 - t0) / 1e6;
                hash[r] = (t2 - t1) / 1e6;
            }
            Arrays.sort(decode);
            Arrays.sort(hash);
            double d = pct(decode, 50);
            double h = pct(hash, 50);
            table.row(String.format(Locale.ROOT, "%4dx%-4d (%4.1fMP)", size[0], size[1], size[0] * size[1] / 1e6), jpeg.length / 1024,
                    d, h, h / d);
        }
        System.out.println("(medians; the digests of the bytes are not included in either column)");
    }

    /** A synthetic photo-like picture: gradients, shapes and noise, so the JPEG decoder has real work. */
    private static byte[] jpeg(int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        Random random = new Random(width);
        g.setPaint(new GradientPaint(0, 0, new Color(random.nextInt(0xffffff)), width, height, new Color(random.nextInt(0xffffff))));
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < 60; i++) {
            g.setColor(new Color(random.nextInt(0xffffff)));
            g.fillOval(random.nextInt(width), random.nextInt(height), width / 10 + random.nextInt(width / 4), height / 10 + random.nextInt(height / 4));
        }
        g.dispose();
        for (int i = 0; i < width * height / 20; i++) {
            image.setRGB(random.nextInt(width), random.nextInt(height), random.nextInt(0xffffff));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }
}
