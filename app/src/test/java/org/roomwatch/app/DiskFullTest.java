package org.roomwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Metrics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.config.RoomwatchConfig;
import org.roomwatch.core.ops.DiskWatch;
import org.roomwatch.indexer.IndexNames;
import org.roomwatch.indexer.testing.IndicesExtension;
import org.roomwatch.indexer.testing.TestIndices;
import org.roomwatch.simulator.SimPost;
import org.roomwatch.simulator.SimRoom;
import org.roomwatch.simulator.TelegramSite;
import org.slf4j.LoggerFactory;

/**
 * The data directory of the embedded H2 database sits on a real, small disk (a 48 MB tmpfs) that fills up while
 * a room is being watched: an ERROR line says the disk is full, readiness turns 503 and says so with the free space,
 * and the free-space gauge shows it, although the database (and the scheduler on it) only report themselves broken.
 * Once space is freed and the process restarted, every post arrives exactly once and the cursor is right.
 */
@ExtendWith(IndicesExtension.class)
class DiskFullTest {
    private static final String ROOM = "disk_room";

    @TempDir
    Path dir;
    private Path disk;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private final ListAppender<ILoggingEvent> errors = new ListAppender<>();
    private final Logger diskLog = (Logger) LoggerFactory.getLogger(DiskWatch.class);

    @BeforeEach
    void listen() {
        errors.start();
        diskLog.addAppender(errors);
    }

    @AfterEach
    void unmount() throws Exception {
        diskLog.detachAppender(errors);
        if (disk != null) {
            run("umount", "-l", disk.toString());
        }
    }

    @Test
    void aFullDataDiskIsReportedAsSuchAndLosesNothing(TestIndices indices) throws Exception {
        disk = dir.resolve("disk");
        Files.createDirectories(disk);
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", disk.toString()) == 0,
                "a small real disk needs mount (root); this machine refused");
        String prefix = indices.prefix();
        Instant t0 = Instant.parse("2026-10-01T00:00:00Z");
        try (TelegramSite site = TelegramSite.start()) {
            SimRoom room = new SimRoom(ROOM, "디스크 방", "합성", false, 20, true);
            addPosts(room, t0, 1, 20);
            site.add(room);
            Path file = dir.resolve("roomwatch.yml");
            Files.writeString(file, "crawler:\n  telegramBaseUrl: \"" + site.baseUrl() + "\"\n  requestsPerSecondPerHost: 100\n"
                    + "rooms:\n  - name: " + ROOM + "\n    interval: 1s\n");
            RoomwatchConfig config = new ConfigLoader().load(file, Map.of(
                    "ROOMWATCH_ELASTICSEARCH_URL", indices.url().toString(),
                    "ROOMWATCH_ELASTICSEARCH_INDEXPREFIX", prefix,
                    "ROOMWATCH_DATABASE_JDBCURL", "jdbc:h2:file:" + disk.resolve("roomwatch"),
                    "ROOMWATCH_DATABASE_MINFREEDISKMEGABYTES", "8",
                    "ROOMWATCH_API_PORT", "0"));

            try (Roomwatch app = Roomwatch.start(config, Set.of(ProcessRole.CRAWLER, ProcessRole.API))) {
                CursorWait.awaitCursor(app, ROOM, 20, Duration.ofSeconds(120));
                JsonNode ready = ready(app);
                assertEquals("up", ready.path("checks").path("disk").asText(), ready.toString());

                fill(disk.resolve("filler"));
                addPosts(room, t0, 21, 30);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (System.nanoTime() < deadline && errors.list.stream().noneMatch(e -> e.getFormattedMessage().contains("is full"))) {
                    Thread.sleep(100);
                }
                String logged = errors.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("is full"))
                        .findFirst().orElseThrow(() -> new AssertionError("no ERROR line said the disk is full"));
                assertTrue(logged.contains("the disk of the data directory " + disk + " is full"), logged);
                ready = ready(app);
                assertEquals("not ready", ready.path("status").asText(), ready.toString());
                assertEquals("down", ready.path("checks").path("disk").asText(), ready.toString());
                String problem = ready.path("problems").path("disk").asText();
                assertTrue(problem.contains("the disk of the data directory " + disk + " is full"), problem);
                assertTrue(problem.contains("below the minimum of 8.0 MB (database.minFreeDiskMegabytes)"), problem);
                double free = Metrics.globalRegistry.get("roomwatch.data.disk.free").gauge().value();
                assertTrue(free >= 0 && free < 8 * 1_048_576, "the free-space gauge: " + free);
            }

            Files.delete(disk.resolve("filler"));
            try (Roomwatch app = Roomwatch.start(config, Set.of(ProcessRole.CRAWLER, ProcessRole.API))) {
                CursorWait.awaitCursor(app, ROOM, 30, Duration.ofSeconds(120));
                JsonNode again = ready(app);
                assertEquals("ready", again.path("status").asText(), again.toString());
            }
            ElasticsearchClient client = indices.client();
            IndexNames names = indices.names();
            client.indices().refresh(r -> r.index(names.messages()));
            assertEquals(30, client.count(c -> c.index(names.messages())).count(), "every post once");
        }
    }

    /** Writes until the disk refuses: the real "no space left on device". */
    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException e) {
            assertTrue(String.valueOf(e.getMessage()).contains("No space left on device"), e.toString());
        }
    }

    private JsonNode ready(Roomwatch app) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.apiPort() + "/api/ready")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = json.readTree(response.body());
        assertEquals(body.path("status").asText().equals("ready") ? 200 : 503, response.statusCode(), response.body());
        return body;
    }

    private static void addPosts(SimRoom room, Instant t0, long from, long to) {
        for (long id = from; id <= to; id++) {
            room.add(SimPost.text(id, t0.plusSeconds(id), "가상여자중학교 글 " + id));
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
