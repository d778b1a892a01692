package org.roomwatch.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.roomwatch.app.SampleSchools;
import org.roomwatch.core.ImageText;
import org.roomwatch.core.MediaKind;
import org.roomwatch.core.MediaRef;
import org.roomwatch.core.Message;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.config.ElasticsearchConfig;
import org.roomwatch.core.config.OcrConfig;
import org.roomwatch.indexer.BulkMessageWriter;
import org.roomwatch.indexer.ElasticsearchClients;
import org.roomwatch.indexer.IndexManager;
import org.roomwatch.indexer.IndexNames;
import org.roomwatch.indexer.Ingest;
import org.roomwatch.indexer.MessageEnricher;
import org.roomwatch.media.DecodeLimits;
import org.roomwatch.media.ImageHasher;
import org.roomwatch.media.PhotoHashing;
import org.roomwatch.media.ocr.Ocr;
import org.roomwatch.media.ocr.OcrPool;
import org.roomwatch.media.ocr.PictureReader;
import org.roomwatch.media.ocr.PictureText;
import org.roomwatch.simulator.SyntheticPictures;
import org.roomwatch.simulator.SyntheticTextPictures;
import org.roomwatch.tagging.Lexicon;
import org.roomwatch.tagging.Tagging;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * OCR's cost: milliseconds per picture at 720p and 1080p (with text, and without, which the stroke prefilter should
 * skip before Tesseract runs), pictures per second through the worker pool, and, in the same run, the rate of the
 * photo ingest path (fetch from memory, hash, enrich, bulk into a real node) with OCR on against off, in alternating
 * rounds. Synthetic pictures only, generated here and kept in memory.
 */
@Command(name = "ocr", description = "Benchmark OCR per picture, through the pool, and ingest with OCR on against off; prints tables.")
final class OcrBench implements Callable<Integer> {
    @Option(names = "-n", defaultValue = "40", description = "pictures of each kind timed one by one; default ${DEFAULT-VALUE}") int perKind;
    @Option(names = "--messages", defaultValue = "400", description = "messages with a photo per ingest round; default ${DEFAULT-VALUE}")
    int messages;
    @Option(names = "--rounds", defaultValue = "5", description = "ingest rounds of each path; default ${DEFAULT-VALUE}") int rounds;
    @Option(names = "--text-share", defaultValue = "0.3", description = "share of ingested photos with text; default ${DEFAULT-VALUE}")
    double textShare;
    @Option(names = "--es-url", description = "Elasticsearch URL (default: a managed local node)") String esUrl;

    private ElasticsearchClient client;
    private final List<IndexNames> created = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        atLeastOne("-n", perKind);
        atLeastOne("--messages", messages);
        atLeastOne("--rounds", rounds);
        if (!(textShare >= 0 && textShare <= 1)) {
            throw new IllegalArgumentException("--text-share must be within 0..1, got " + textShare);
        }
        var config = new ConfigLoader().defaults();
        Ocr ocr = Ocr.check(config.ocr());
        if (!ocr.available()) {
            throw new IllegalStateException(ocr.problem());
        }
        if (!SyntheticTextPictures.fontsInstalled()) {
            throw new IllegalStateException("the Noto CJK and Nanum fonts are not installed (apt-get install fonts-noto-cjk fonts-nanum)");
        }
        perPicture(ocr);
        throughPool(config.ocr());
        ingest(ocr, config.elasticsearch(), new Tagging(SampleSchools.load(), List.of(), new Lexicon(config.signals().lexicon())));
        return 0;
    }

    private static void atLeastOne(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, got " + value);
        }
    }

    /** Pictures of one kind, generated: a caption or a plain picture, scaled to {@code width} x {@code height}, as JPEG. */
    static byte[] picture(boolean text, int seed, int width, int height) {
        try {
            byte[] source = text ? SyntheticTextPictures.sample(SyntheticTextPictures.Kind.CAPTION, seed).bytes() : SyntheticPictures.png(seed, false);
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(source));
            BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = scaled.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(decoded, 0, 0, width, height, null);
            g.dispose();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(scaled, "jpg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void perPicture(Ocr ocr) {
        System.out.printf("%nOne reader, one picture at a time (%d pictures a kind, after 5 not counted):%n", perKind);
        Table table = Table.start(System.out, Table.text("picture", 22), Table.number("pictures", "%d"), Table.number("median ms", "%.0f"),
                Table.number("p95 ms", "%.0f"), Table.number("read", "%d"), Table.number("prefilter skips", "%d"),
                Table.number("other skips", "%d"));
        try (PictureReader reader = ocr.newReader(DecodeLimits.DEFAULT)) {
            for (int[] size : new int[][] {{1280, 720}, {1920, 1080}}) {
                for (boolean text : new boolean[] {true, false}) {
                    for (int w = 0; w < 5; w++) {
                        reader.read(picture(text, 1000 + w, size[0], size[1]));
                    }
                    double[] ms = new double[perKind];
                    int read = 0;
                    int prefiltered = 0;
                    int other = 0;
                    for (int i = 0; i < perKind; i++) {
                        byte[] bytes = picture(text, i, size[0], size[1]);
                        long start = System.nanoTime();
                        PictureText t = reader.read(bytes);
                        ms[i] = (System.nanoTime() - start) / 1e6;
                        if (t.skip() == null) {
                            read++;
                        } else if (t.skip() == PictureText.Skip.NO_TEXT_SEEN) {
                            prefiltered++;
                        } else {
                            other++;
                        }
                    }
                    table.row((text ? "caption " : "no text ") + size[1] + "p", perKind, IngestBench.median(ms), percentile(ms, 0.95),
                            read, prefiltered, other);
                }
            }
        }
    }

    private void throughPool(OcrConfig base) throws Exception {
        int pictures = Math.max(40, perKind * 2);
        List<byte[]> mixed = new ArrayList<>();
        for (int i = 0; i < pictures; i++) {
            mixed.add(picture(i % 2 == 0, 500 + i, 1280, 720));
        }
        System.out.printf("%nThrough the pool: %d pictures at 720p, half with a caption, offered at once:%n", pictures);
        Table table = Table.start(System.out, Table.number("workers", "%d"), Table.number("seconds", "%.2f"),
                Table.number("pictures/s", "%.1f"), Table.number("with text", "%d"));
        for (int threads : new int[] {1, 2}) {
            OcrConfig config = new OcrConfig(true, base.tessdata(), base.languages(), threads, pictures, base.timeBudget(),
                    base.videoSecondsPerFrame(), base.maxVideoFrames());
            try (OcrPool pool = new OcrPool(Ocr.check(config), DecodeLimits.DEFAULT)) {
                // Each worker's Tesseract is loaded by a first picture, not counted.
                List<Future<PictureText>> warm = new ArrayList<>();
                for (int i = 0; i < threads * 2; i++) {
                    warm.add(pool.offer(mixed.get(i)).orElseThrow());
                }
                for (Future<PictureText> f : warm) {
                    f.get();
                }
                long start = System.nanoTime();
                List<Future<PictureText>> all = new ArrayList<>();
                for (byte[] bytes : mixed) {
                    all.add(pool.offer(bytes).orElseThrow());
                }
                int withText = 0;
                for (Future<PictureText> f : all) {
                    withText += f.get().hasText() ? 1 : 0;
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                table.row(threads, seconds, pictures / seconds, withText);
            }
        }
    }

    private void ingest(Ocr ocr, ElasticsearchConfig es, Tagging tagging) throws Exception {
        Map<String, byte[]> photos = new HashMap<>();
        List<Message> batchSource = new ArrayList<>();
        Instant at = Instant.parse("2026-05-01T00:00:00Z");
        for (int i = 0; i < messages; i++) {
            String url = "https://cdn.example.invalid/ocr/" + i + ".jpg";
            photos.put(url, picture(i < messages * textShare, 2000 + i, 1280, 720));
            batchSource.add(new Message("telegram", "ocr_bench", i + 1, "https://t.me/ocr_bench/" + (i + 1), at.plusSeconds(i), "bench",
                    "사진 " + i, List.of(), null, null, 10L, false, false, List.of(new MediaRef(MediaKind.PHOTO, url)), at, "bench", "x"));
        }
        java.util.Collections.shuffle(batchSource, new java.util.Random(7)); // text pictures spread over the batches
        PhotoHashing.PhotoFetcher<RuntimeException> memory = new PhotoHashing.PhotoFetcher<>() {
            @Override
            public boolean fetches(MediaRef ref) {
                return photos.containsKey(ref.url());
            }

            @Override
            public byte[] fetch(MediaRef ref, long maxBytes) {
                return photos.get(ref.url());
            }
        };
        ImageHasher hasher = new ImageHasher(DecodeLimits.DEFAULT);
        BenchElasticsearch node = BenchElasticsearch.open(esUrl);
        try (OcrPool pool = new OcrPool(ocr, DecodeLimits.DEFAULT)) {
            client = ElasticsearchClients.create(node.url(), Duration.ofMinutes(5));
            PhotoHashing<RuntimeException> off = new PhotoHashing<>(memory, hasher);
            // As a crawler runs it: the batch does not wait, pictures are stored pending and their text applied when read.
            PhotoHashing<RuntimeException> on = off.withText(pool, Duration.ZERO);
            this.pool = pool;
            String run = "bench-ocr-" + System.currentTimeMillis() + "-";
            round(off, batchSource, run + "warm-off-", tagging, es, false);
            round(on, batchSource, run + "warm-on-", tagging, es, true);
            System.out.printf("%nIngest of %d messages with a photo each (%.0f%% with a caption), fetched from memory, hashed,"
                    + " enriched and bulk-indexed; OCR with %d worker(s) at nice 19, not waited for (text applied to the stored"
                    + " messages when read); alternating rounds after one of each not counted:%n",
                    messages, textShare * 100, ocr.config().threads());
            Table table = Table.start(System.out, Table.number("round", "%d"), Table.text("path", 10), Table.number("seconds", "%.2f"),
                    Table.number("messages/s", "%.1f"), Table.number("pending at end", "%d"), Table.number("then drained s", "%.2f"),
                    Table.number("with text", "%d"), Table.number("queue full", "%d"));
            double[] offRates = new double[rounds];
            double[] onRates = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                for (boolean ocrOn : r % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                    Round result = round(ocrOn ? on : off, batchSource, run + r + (ocrOn ? "-on-" : "-off-"), tagging, es, ocrOn);
                    (ocrOn ? onRates : offRates)[r] = messages / result.seconds();
                    table.row(r + 1, ocrOn ? "OCR on" : "OCR off", result.seconds(), messages / result.seconds(), result.pending(),
                            result.drainSeconds(), result.withText(), result.queueFull());
                }
            }
            double ratio = IngestBench.median(onRates) / IngestBench.median(offRates);
            System.out.printf("%nmedian with OCR %.1f msg/s, without %.1f msg/s: on / off = %.2f (target >= 0.90; the text is read"
                    + " after, in the 'then drained' time)%n",
                    IngestBench.median(onRates), IngestBench.median(offRates), ratio);
        } finally {
            for (IndexNames names : List.copyOf(created)) {
                client.indices().delete(d -> d.index(names.all()));
            }
            node.close();
        }
    }

    private record Round(double seconds, int pending, double drainSeconds, long withText, int queueFull) {}

    private OcrPool pool;

    /**
     * One round through the ingest pipeline a crawler runs ({@link Ingest}: hash, store, apply late text), timed until
     * the last batch is stored; then, apart, how long the OCR workers took to catch up and how many messages got text.
     */
    private Round round(PhotoHashing<RuntimeException> hashing, List<Message> source, String prefix, Tagging tagging, ElasticsearchConfig es,
                        boolean ocrOn) throws Exception {
        IndexNames names = new IndexNames(prefix);
        new IndexManager(client, names).ensureAll();
        created.add(names);
        int pending = 0;
        int queueFull = 0;
        double seconds;
        double drain = 0;
        try (BulkMessageWriter writer = new BulkMessageWriter(client, names, new MessageEnricher(() -> tagging), es)) {
            Ingest ingest = new Ingest(hashing::hash, writer, null, null, ocrOn ? pool : null);
            long start = System.nanoTime();
            for (int i = 0; i < source.size(); i += 25) {
                List<Message> hashed = ingest.enrich(source.subList(i, Math.min(source.size(), i + 25)));
                ingest.store(null, hashed);
                for (Message m : hashed) {
                    for (MediaRef ref : m.media()) {
                        if (ref.text() != null && ImageText.PENDING.equals(ref.text().unread())) {
                            pending++;
                        } else if (ref.text() != null && "queue_full".equals(ref.text().unread())) {
                            queueFull++;
                        }
                    }
                }
            }
            seconds = (System.nanoTime() - start) / 1e9;
            if (ocrOn) {
                long drainStart = System.nanoTime();
                while (!pool.idle()) {
                    Thread.sleep(20);
                }
                Thread.sleep(200); // the last update's bulk request, sent from the worker as it finished
                drain = (System.nanoTime() - drainStart) / 1e9;
            }
        }
        client.indices().refresh(r -> r.index(names.messages()));
        long withText = client.count(c -> c.index(names.messages()).query(q -> q.exists(e -> e.field("image_text")))).count();
        return new Round(seconds, pending, drain, withText, queueFull);
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
