package org.roomwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcCases;
import org.roomwatch.controlplane.JdbcHashSets;
import org.roomwatch.controlplane.JdbcUsers;
import org.roomwatch.core.cases.CaseFile;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.hashes.HashSetEntry;
import org.roomwatch.core.security.Role;
import org.roomwatch.indexer.ElasticsearchClients;
import org.roomwatch.indexer.IndexManager;
import org.roomwatch.indexer.IndexNames;
import org.roomwatch.testkit.ElasticsearchExtension;
import org.roomwatch.testkit.FreePorts;
import org.roomwatch.testkit.TestNode;

/**
 * A case whose photo appears in a million messages: its export streams every one of them out of a real
 * {@code roomwatch serve} whose heap is 256 MB (the CSV alone is several times that), so it cannot hold them.
 * Prints the rate; asserts only the count.
 */
@ExtendWith(ElasticsearchExtension.class)
class CaseExportScaleTest {
    private static final int MESSAGES = 1_000_000;
    private static final String IMAGE = "5e".repeat(32);

    @TempDir
    Path dir;
    private Process process;

    @AfterEach
    void stop() throws InterruptedException {
        ServeProcess.kill(process);
    }

    @Test
    void aMillionRowExportStreamsThroughASmallHeap(TestNode node) throws Exception {
        String prefix = node.indexPrefix() + "scale-";
        IndexNames names = new IndexNames(prefix);
        ElasticsearchClient client = ElasticsearchClients.create(node.url(), Duration.ofMinutes(5));
        new IndexManager(client, names).ensureAll();
        Instant t0 = Instant.parse("2026-09-01T00:00:00Z");
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("sha256", IMAGE);
        image.put("md5", "5e".repeat(16));
        image.put("pdq", "a5".repeat(32));
        image.put("quality", 100);
        image.put("rooms", List.of("telegram:scale_room_0"));
        image.put("count", MESSAGES);
        image.put("first_seen", t0.toString());
        image.put("last_seen", t0.plusSeconds(MESSAGES).toString());
        client.index(i -> i.index(names.media()).id(IMAGE).document(image));
        long indexStart = System.nanoTime();
        try (BulkIngester<Void> ingester = BulkIngester.of(b -> b.client(client).maxOperations(5000).maxConcurrentRequests(2))) {
            for (int n = 1; n <= MESSAGES; n++) {
                String room = "scale_room_" + (n % 50);
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("platform", "telegram");
                doc.put("room", room);
                doc.put("room_id", "telegram:" + room);
                doc.put("message_id", n);
                doc.put("permalink", "https://t.me/" + room + "/" + n);
                doc.put("posted_at", t0.plusSeconds(n).toString());
                doc.put("captured_at", t0.plusSeconds(n + 60).toString());
                doc.put("media_sha256", List.of(IMAGE));
                doc.put("seen_through", "https://t.me/s/" + room);
                String id = "telegram:" + room + ":" + n;
                ingester.add(BulkOperation.of(o -> o.index(i -> i.index(names.messages()).id(id).document(doc))));
            }
        }
        client.indices().refresh(r -> r.index(names.messages(), names.media()));
        assertEquals(MESSAGES, client.count(c -> c.index(names.messages())).count());
        double indexSeconds = (System.nanoTime() - indexStart) / 1e9;
        client._transport().close();

        // The control plane: a case whose photo's SHA-256 is the image, and an analyst's API token.
        String token;
        String jdbc = "jdbc:h2:file:" + dir.resolve("db");
        try (ControlPlaneDatabase db = ControlPlaneDatabase.open(new ConfigLoader().defaults().database().withJdbcUrl(jdbc))) {
            new JdbcHashSets(db.dataSource()).replace("case-scale", "case 2026-규모-0001",
                    List.of(new HashSetEntry("sha256", IMAGE, "사진 1")));
            new JdbcCases(db.dataSource()).create(new CaseFile("2026-규모-0001", "case-scale", "상담사 가상", "합성 자료", null, 1,
                    "counselor", Instant.now()));
            JdbcUsers users = new JdbcUsers(db.dataSource(), 5, Duration.ofMinutes(15), 12);
            users.add("counselor", Role.ANALYST, "a synthetic passphrase", "test");
            token = users.createToken("counselor", "scale test").secret();
        }
        int port;
        port = FreePorts.pick();
        Path config = Files.writeString(dir.resolve("roomwatch.yml"), "rooms: []\n");
        process = ServeProcess.start(dir, dir.resolve("serve.log"), Map.of(
                "ROOMWATCH_ELASTICSEARCH_URL", node.url().toString(),
                "ROOMWATCH_ELASTICSEARCH_INDEXPREFIX", prefix,
                "ROOMWATCH_DATABASE_JDBCURL", jdbc,
                "ROOMWATCH_API_PORT", Integer.toString(port)), "--role", "api", "--config", config.toString());
        HttpClient http = HttpClient.newHttpClient();
        URI export = URI.create("http://127.0.0.1:" + port + "/api/cases/"
                + java.net.URLEncoder.encode("2026-규모-0001", StandardCharsets.UTF_8) + "/export?format=csv");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.readString(dir.resolve("serve.log")).contains("roomwatch is up")) {
            assertTrue(System.nanoTime() < deadline && process.isAlive(), "serve never came up: " + ServeProcess.tail(dir.resolve("serve.log"), 30));
            Thread.sleep(100);
        }

        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(export).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        long rows = 0;
        long bytes = 0;
        String last = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                rows++;
                bytes += line.length() + 2;
                last = line;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(MESSAGES + 1, rows, "the header and every message: " + ServeProcess.tail(dir.resolve("serve.log"), 30));
        assertTrue(last.startsWith("2026-규모-0001,사진 1,sha256,0," + IMAGE + ",telegram:scale_room_"), last);
        assertTrue(process.isAlive(), "the server survived the export");
        System.out.printf("Case export: %,d rows, %,d MB of CSV in %.1f s (%,.0f rows/s) from a serve with a 256 MB heap;"
                + " indexing them took %.1f s%n", MESSAGES, bytes / 1_000_000, seconds, MESSAGES / seconds, indexSeconds);
    }
}
