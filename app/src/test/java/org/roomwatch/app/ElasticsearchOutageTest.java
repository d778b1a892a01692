package org.roomwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micrometer.core.instrument.Metrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roomwatch.core.CrawlPosition;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.config.RoomwatchConfig;
import org.roomwatch.esnode.ElasticsearchDistribution;
import org.roomwatch.esnode.ManagedElasticsearchNode;
import org.roomwatch.esnode.NodeSettings;
import org.roomwatch.indexer.ElasticsearchClients;
import org.roomwatch.indexer.IndexNames;
import org.roomwatch.simulator.SimPost;
import org.roomwatch.simulator.SimRoom;
import org.roomwatch.simulator.TelegramSite;
import org.roomwatch.testkit.FreePorts;

/**
 * The Elasticsearch node stops in the middle of crawling a live room and comes back on the same data and port:
 * while it is away the crawler pauses instead of fetching what it cannot keep, and its cursor never passes what the
 * index acknowledged; afterwards indexing resumes by itself and every post is there once.
 */
class ElasticsearchOutageTest {
    @TempDir
    Path dir;

    @Test
    void crawlingPausesWhileTheNodeIsDownAndResumesWithNothingLost() throws Exception {
        Path data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "roomwatch-outage-");
        int port;
        port = FreePorts.pick();
        NodeSettings base = NodeSettings.throwaway();
        NodeSettings settings = new NodeSettings(base.workDir(), data, 512, base.runAsUser(), null, null, port);
        ManagedElasticsearchNode node = ManagedElasticsearchNode.start(ElasticsearchDistribution.locate(), settings);
        try (TelegramSite site = TelegramSite.start()) {
            SimRoom room = new SimRoom("outage_room", "장애 방", "합성", false, 30, true);
            Instant t0 = Instant.parse("2026-10-01T00:00:00Z");
            for (long id = 1; id <= 40; id++) {
                room.add(SimPost.text(id, t0.plusSeconds(id), "가상고등학교 글 " + id));
            }
            site.add(room);
            Path file = dir.resolve("roomwatch.yml");
            Files.writeString(file, "crawler:\n  telegramBaseUrl: \"" + site.baseUrl() + "\"\n  requestsPerSecondPerHost: 100\n"
                    + "rooms:\n  - name: outage_room\n    interval: 1s\n");
            RoomwatchConfig config = new ConfigLoader().load(file, Map.of(
                    "ROOMWATCH_ELASTICSEARCH_URL", node.url().toString(),
                    "ROOMWATCH_ELASTICSEARCH_INDEXPREFIX", "outage-",
                    "ROOMWATCH_ELASTICSEARCH_BULKRETRIES", "1",
                    "ROOMWATCH_DATABASE_JDBCURL", "jdbc:h2:file:" + dir.resolve("db"),
                    "ROOMWATCH_API_PORT", "0"));
            try (Roomwatch app = Roomwatch.start(config, java.util.Set.of(ProcessRole.CRAWLER))) {
                CursorWait.awaitCursor(app, "outage_room", 40, Duration.ofSeconds(180));
                double pausedBefore = count("paused");

                node.close(); // the node goes away mid-crawl
                long next = 41;
                for (int i = 0; i < 20; i++) { // ten seconds of new posts while the index is down
                    room.add(SimPost.text(next, t0.plusSeconds(next), "가상고등학교 장애 중 글 " + next));
                    next++;
                    Thread.sleep(500);
                }
                CrawlPosition during = app.registry().position("outage_room");
                assertEquals(40, during.cursor(), "the cursor stays at what the index acknowledged while it is down");
                assertTrue(count("store_failed") >= 1, "the failed store was counted");
                assertTrue(count("paused") > pausedBefore, "crawls paused instead of fetching pages that cannot be kept");

                node = ManagedElasticsearchNode.start(ElasticsearchDistribution.locate(), settings);
                long last = next - 1;
                CursorWait.awaitCursor(app, "outage_room", last, Duration.ofSeconds(180));
                ElasticsearchClient client = ElasticsearchClients.create(node.url(), Duration.ofMinutes(1));
                IndexNames names = new IndexNames("outage-");
                client.indices().refresh(r -> r.index(names.messages()));
                assertEquals(last, client.count(c -> c.index(names.messages())).count(), "every post once, before, during and after");
                client._transport().close();
            }
        } finally {
            node.close();
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double count(String outcome) {
        return Metrics.globalRegistry.find("roomwatch.crawls").tag("outcome", outcome).counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }
}
