package org.roomwatch.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.roomwatch.app.Roomwatch;
import org.roomwatch.core.ImageHashes;
import org.roomwatch.core.InviteStatus;
import org.roomwatch.core.MediaKind;
import org.roomwatch.core.MediaRef;
import org.roomwatch.core.Message;
import org.roomwatch.core.Room;
import org.roomwatch.core.RoomKind;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.config.RoomwatchConfig;
import org.roomwatch.core.security.Role;
import org.roomwatch.esnode.NodeSettings;
import org.roomwatch.indexer.BulkMessageWriter;
import org.roomwatch.indexer.ElasticsearchClients;
import org.roomwatch.indexer.IndexManager;
import org.roomwatch.indexer.IndexNames;
import org.roomwatch.indexer.MessageEnricher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The spread of a case at scale, through the API: one synthetic image posted in N messages across R rooms (a third
 * forwarded from the first room, each room with its audience), a case opened on it, and {@code GET
 * /api/cases/{number}/spread} timed over loopback HTTP (the server reads the sightings through a point in time, the
 * rooms' audiences, and works out the graph and totals). The report's PDF is timed once beside it.
 */
@Command(name = "spread", description = "Benchmark a case's spread at scale through the API; prints the times.")
final class SpreadBench implements Callable<Integer> {
    @Option(names = "--messages", defaultValue = "100000", description = "postings of the case's image; default ${DEFAULT-VALUE}") int messages;
    @Option(names = "--rooms", defaultValue = "2000", description = "rooms they are spread over; default ${DEFAULT-VALUE}") int rooms;
    @Option(names = "--rounds", defaultValue = "5", description = "timed requests; default ${DEFAULT-VALUE}") int rounds;
    @Option(names = "--es-url", description = "Elasticsearch URL (default: a managed local node)") String esUrl;
    @Option(names = "--report", description = "also time the report's PDF once (three lines a posting: long at 100,000)") boolean report;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @Override
    public Integer call() throws Exception {
        if (messages < 1 || rooms < 1 || rounds < 1 || rooms > messages) {
            throw new IllegalArgumentException("--messages, --rooms and --rounds must be at least 1, and --rooms at most --messages");
        }
        Path dir = Files.createTempDirectory("roomwatch-spread-");
        String prefix = "spread-" + System.currentTimeMillis() + "-";
        IndexNames names = new IndexNames(prefix);
        try (BenchElasticsearch node = BenchElasticsearch.open(esUrl, base -> new NodeSettings(base.workDir(), null, 2048,
                base.runAsUser(), null, null))) {
            ElasticsearchClient client = ElasticsearchClients.create(node.url(), Duration.ofMinutes(10));
            try {
                new IndexManager(client, names).ensureAll();
                ImageHashes image = new ImageHashes("5a".repeat(32), "a5".repeat(16),
                        "3efc0d3e31371d84f64f9ac1cedcf0c39f03e3816c2c053c08fc1a5c92c3fd23", 100, 640, 480, "JPEG", 54321);
                long start = System.nanoTime();
                load(client, names, image);
                System.out.printf(Locale.ROOT, "indexed %,d postings in %,d rooms in %.1f s%n", messages, rooms, (System.nanoTime() - start) / 1e9);
                RoomwatchConfig config = new ConfigLoader().load(null, Map.of(
                        "ROOMWATCH_ELASTICSEARCH_URL", node.url().toString(),
                        "ROOMWATCH_ELASTICSEARCH_INDEXPREFIX", prefix,
                        "ROOMWATCH_DATABASE_JDBCURL", "jdbc:h2:file:" + dir.resolve("db"),
                        "ROOMWATCH_SECURITY_EVIDENCEKEYFILE", dir.resolve("evidence.pem").toString(),
                        "ROOMWATCH_API_PORT", "0"));
                try (Roomwatch app = Roomwatch.start(config)) { // no rooms are configured: its crawler has nothing to do
                    measure(app, image);
                }
            } finally {
                client.indices().delete(d -> d.index(names.all()).ignoreUnavailable(true));
                client._transport().close();
            }
        }
        return 0;
    }

    /** The postings: room i's first posting forwarded from room 0 for a third of the rooms, the rest posted again. */
    private void load(ElasticsearchClient client, IndexNames names, ImageHashes image) throws Exception {
        try (BulkMessageWriter writer = new BulkMessageWriter(client, names, new MessageEnricher(), new ConfigLoader().defaults().elasticsearch())) {
            for (int r = 0; r < rooms; r++) {
                writer.writeRoom(new Room("telegram", room(r), "합성 방 " + r, "합성", RoomKind.CHANNEL, null, 100L + 37L * r, null, null,
                        null, null, true, InviteStatus.NOT_AN_INVITE, T0, "https://t.me/s/" + room(r), "ab".repeat(32)));
            }
            List<Message> batch = new ArrayList<>();
            for (int i = 0; i < messages; i++) {
                int r = i % rooms;
                long id = i / rooms + 1;
                String forwarded = r % 3 == 1 && id == 1 ? "https://t.me/" + room(0) + "/1" : null;
                Instant at = T0.plusSeconds(60L * i);
                batch.add(new Message("telegram", room(r), id, "https://t.me/" + room(r) + "/" + id, at, "게시자" + (i % 997), "사진 " + i,
                        List.of(), forwarded, null, (long) (i % 500), false, false,
                        List.of(new MediaRef(MediaKind.PHOTO, "https://cdn.example/" + i + ".jpg").withHashes(image)), at,
                        "https://t.me/s/" + room(r), String.format(Locale.ROOT, "%064x", i)));
                if (batch.size() == 5000) {
                    writer.writeMessages(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                writer.writeMessages(batch);
            }
        }
        client.indices().refresh(r -> r.index(names.messages(), names.media(), names.rooms()));
    }

    private static String room(int r) {
        return "spread_bench_" + r;
    }

    private void measure(Roomwatch app, ImageHashes image) throws Exception {
        app.users().add("spread-analyst", Role.ANALYST, "a synthetic bench passphrase", "bench-spread");
        String token = app.users().createToken("spread-analyst", "bench-spread").secret();
        LoadApi api = new LoadApi(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), app.apiPort(), token);
        String body = JSON.writeValueAsString(Map.of("caseNumber", "2026-BENCH-0001", "counselor", "합성", "consentNote", "합성 자료",
                "photos", List.of(Map.of("pdq", image.pdq(), "quality", 100, "md5", image.md5(), "sha256", image.sha256()))));
        HttpResponse<String> opened = api.exchange("/api/cases", body);
        if (opened.statusCode() != 201) {
            throw new IllegalStateException("could not open the case: " + opened.statusCode() + " " + LoadApi.abbreviate(opened.body()));
        }
        double[] millis = new double[rounds];
        JsonNode totals = null;
        long bytes = 0;
        api.exchange("/api/cases/2026-BENCH-0001/spread", null); // warm-up
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            HttpResponse<String> spread = api.exchange("/api/cases/2026-BENCH-0001/spread", null);
            millis[i] = (System.nanoTime() - start) / 1e6;
            if (spread.statusCode() != 200) {
                throw new IllegalStateException("spread answered " + spread.statusCode() + ": " + LoadApi.abbreviate(spread.body()));
            }
            totals = JSON.readTree(spread.body()).path("totals");
            bytes = spread.body().length();
        }
        Arrays.sort(millis);
        Table table = Table.start(System.out, Table.text("request", 34), Table.number("postings", "%d"), Table.number("rooms", "%d"),
                Table.number("MB", "%.1f"), Table.number("min ms", "%.0f"), Table.number("median ms", "%.0f"), Table.number("max ms", "%.0f"));
        table.row("GET /api/cases/{n}/spread", (long) totals.path("postings").asInt(), (long) totals.path("rooms").asInt(), bytes / 1e6,
                millis[0], millis[rounds / 2], millis[rounds - 1]);
        if (report) {
            long start = System.nanoTime();
            HttpResponse<String> pdf = api.exchange("/api/cases/2026-BENCH-0001/report", null);
            double ms = (System.nanoTime() - start) / 1e6;
            if (pdf.statusCode() != 200) {
                throw new IllegalStateException("report answered " + pdf.statusCode() + ": " + LoadApi.abbreviate(pdf.body()));
            }
            table.row("GET /api/cases/{n}/report (PDF)", (long) totals.path("postings").asInt(), (long) totals.path("rooms").asInt(),
                    pdf.body().length() / 1e6, ms, ms, ms);
        }
        System.out.println("Target on this machine: the spread of an image seen in 100,000 messages across 2,000 rooms in under 2 s on the API.");
    }
}
