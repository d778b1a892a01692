package org.roomwatch.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.roomwatch.app.Roomwatch;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.config.RoomwatchConfig;
import org.roomwatch.core.security.Role;
import org.roomwatch.simulator.SimRoom;
import org.roomwatch.simulator.SyntheticRooms;
import org.roomwatch.simulator.TelegramSite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Investigators searching while the crawlers ingest: the whole server (crawler, API, alerts) on loopback with a
 * simulated site of long synthetic rooms being backfilled, and {@code --searchers} concurrent clients each sending
 * {@code --requests} searches through the HTTP API with a token. Bounded in count, loopback only. Prints the
 * latency percentiles, the errors and the ingest rate over the same time.
 */
@Command(name = "load", description = "Concurrent searches during ingest: p50/p95/p99 latency, errors, ingest rate.")
final class LoadBench implements Callable<Integer> {
    private static final String[] QUERIES = {"중학교", "능욕", "사진", "고등학교", "\"가상\"", "방 OR 사진", "학교 -사진", "초등학교", "선생님", "합성"};

    @Option(names = "--searchers", defaultValue = "32", description = "concurrent investigators; default ${DEFAULT-VALUE}") int searchers;
    @Option(names = "--requests", defaultValue = "100", description = "searches per investigator; default ${DEFAULT-VALUE}") int requests;
    @Option(names = "--rooms", defaultValue = "8", description = "rooms being crawled; default ${DEFAULT-VALUE}") int rooms;
    @Option(names = "--posts", defaultValue = "2000", description = "posts per room; default ${DEFAULT-VALUE}") int posts;
    @Option(names = "--es-url", description = "Elasticsearch URL (default: a managed local node)") String esUrl;

    @Override
    public Integer call() throws Exception {
        if (searchers < 1 || requests < 1 || rooms < 1 || posts < 1) {
            throw new IllegalArgumentException("--searchers, --requests, --rooms and --posts must each be at least 1");
        }
        Path dir = Files.createTempDirectory("roomwatch-load-");
        try (BenchElasticsearch node = BenchElasticsearch.open(esUrl); TelegramSite site = TelegramSite.start()) {
            Random random = new Random(32);
            StringBuilder yaml = new StringBuilder("crawler:\n  telegramBaseUrl: \"" + site.baseUrl()
                    + "\"\n  requestsPerSecondPerHost: 500\n  maxPagesPerCrawl: 25\n  threads: 2\nrooms:\n");
            Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
            for (int r = 0; r < rooms; r++) {
                SimRoom room = new SimRoom("load_room_" + r, "부하 방 " + r, "합성 방", r % 2 == 0, 100, true);
                for (int i = 1; i <= posts; i++) {
                    room.add(SyntheticRooms.nextPost(room, random, t0.plusSeconds(i)));
                }
                site.add(room);
                yaml.append("  - name: load_room_").append(r).append("\n    interval: 1s\n");
            }
            Files.writeString(dir.resolve("roomwatch.yml"), yaml);
            RoomwatchConfig config = new ConfigLoader().load(dir.resolve("roomwatch.yml"), Map.of(
                    "ROOMWATCH_ELASTICSEARCH_URL", node.url().toString(),
                    "ROOMWATCH_ELASTICSEARCH_INDEXPREFIX", "load-" + System.currentTimeMillis() + "-",
                    "ROOMWATCH_DATABASE_JDBCURL", "jdbc:h2:file:" + dir.resolve("db"),
                    "ROOMWATCH_API_PORT", "0",
                    "ROOMWATCH_MEDIA_HASHIMAGES", "false"));
            try (Roomwatch app = Roomwatch.start(config)) {
                app.users().add("load-investigator", Role.INVESTIGATOR, "a synthetic load-test passphrase", "bench-load");
                String token = app.users().createToken("load-investigator", "bench-load").secret();
                int port = app.apiPort();
                long expected = (long) rooms * posts;

                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
                AtomicInteger errors = new AtomicInteger();
                ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();
                CountDownLatch done = new CountDownLatch(searchers);
                // The searches start once the crawlers have stored their first batch, so the two overlap.
                for (int i = 0; i < 600 && indexed(app) == 0; i++) {
                    Thread.sleep(100);
                }
                long startIndexed = indexed(app);
                long start = System.nanoTime();
                for (int s = 0; s < searchers; s++) {
                    int seed = s;
                    Thread t = new Thread(() -> {
                        Random own = new Random(seed);
                        try {
                            for (int i = 0; i < requests; i++) {
                                String q = QUERIES[own.nextInt(QUERIES.length)];
                                String path = "/api/messages?size=20&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
                                        + (own.nextBoolean() ? "&sort=newest" : "");
                                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).build();
                                long sent = System.nanoTime();
                                try {
                                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                                    latencies.add(System.nanoTime() - sent);
                                    if (response.statusCode() != 200) {
                                        errors.incrementAndGet();
                                        if (firstErrors.size() < 5) {
                                            firstErrors.add(response.statusCode() + " " + path + ": " + response.body());
                                        }
                                    }
                                } catch (java.io.IOException e) {
                                    errors.incrementAndGet();
                                    if (firstErrors.size() < 5) {
                                        firstErrors.add(path + ": " + e);
                                    }
                                }
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } finally {
                            done.countDown();
                        }
                    }, "investigator-" + s);
                    t.start();
                }
                done.await();
                double seconds = (System.nanoTime() - start) / 1e9;
                long endIndexed = indexed(app);
                long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
                Table.start(System.out, Table.number("searchers", "%d"), Table.number("searches", "%d"), Table.number("errors", "%d"),
                        Table.number("seconds", "%.1f"), Table.number("searches/s", "%.0f"), Table.number("p50 ms", "%.1f"),
                        Table.number("p95 ms", "%.1f"), Table.number("p99 ms", "%.1f"), Table.number("max ms", "%.1f"),
                        Table.number("messages indexed meanwhile", "%d"), Table.number("ingest msg/s", "%.0f")).row(
                        searchers, sorted.length, errors.get(), seconds, sorted.length / seconds, pct(sorted, 50), pct(sorted, 95),
                        pct(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, endIndexed - startIndexed,
                        (endIndexed - startIndexed) / seconds);
                System.out.printf("%nrooms %d x %d posts (%d in all); %d of them indexed when the searches ended%n",
                        rooms, posts, expected, endIndexed);
                firstErrors.forEach(e -> System.out.println("error: " + e));
                return errors.get() == 0 ? 0 : 1;
            }
        }
    }

    /** Messages the crawlers have stored so far: the sum of the rooms' cursors (posts are numbered from 1). */
    private long indexed(Roomwatch app) {
        long sum = 0;
        for (int r = 0; r < rooms; r++) {
            sum += stored(app.registry().position("load_room_" + r));
        }
        return sum;
    }

    private long stored(org.roomwatch.core.CrawlPosition position) {
        // A backfill in progress has stored pendingTop down to resumeBefore; a finished one everything up to cursor.
        if (position.resumeBefore() > 0) {
            return position.pendingTop() - position.resumeBefore() + 1 + position.cursor();
        }
        return position.cursor();
    }

    static double pct(long[] sorted, int percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
