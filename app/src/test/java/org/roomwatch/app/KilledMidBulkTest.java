package org.roomwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcRoomRegistry;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.indexer.IndexNames;
import org.roomwatch.indexer.testing.IndicesExtension;
import org.roomwatch.indexer.testing.TestIndices;
import org.roomwatch.simulator.SimPost;
import org.roomwatch.simulator.SimRoom;
import org.roomwatch.simulator.TelegramSite;

/**
 * A single {@code roomwatch serve} is stopped at exact points of a bulk write of messages, with a proxy in front of
 * the node holding that bulk: SIGKILL after the node applied it but before the crawler heard back; SIGKILL before the
 * node saw it; SIGTERM before the node saw it, after which the process must wait for that bulk, save the cursor and
 * only then exit. In the end every post is indexed once (and recorded once as a version) and the cursor stands at
 * the newest post, with no further run needed.
 */
@ExtendWith(IndicesExtension.class)
class KilledMidBulkTest {
    private static final String ROOM = "bulk_kill_room";

    @TempDir
    Path dir;
    private Process process;

    @AfterEach
    void stop() throws InterruptedException {
        ServeProcess.kill(process);
    }

    @Test
    void killedInsideABulkThenStoppedInsideOneLosesAndDuplicatesNothing(TestIndices indices) throws Exception {
        String prefix = indices.prefix();
        IndexNames names = indices.names();
        Instant t0 = Instant.parse("2026-10-01T00:00:00Z");
        ElasticsearchClient client = indices.client();
        try (TelegramSite site = TelegramSite.start(); BulkGate gate = new BulkGate(indices.url(), names.messages())) {
            SimRoom room = new SimRoom(ROOM, "벌크 방", "합성", false, 20, true);
            addPosts(room, t0, 1, 60);
            site.add(room);
            Path config = dir.resolve("roomwatch.yml");
            Files.writeString(config, "crawler:\n  telegramBaseUrl: \"" + site.baseUrl() + "\"\n"
                    + "  requestsPerSecondPerHost: 200\n  maxPagesPerCrawl: 10\nrooms:\n  - name: " + ROOM + "\n    interval: 1s\n");

            // 1. The node applies the bulk; the crawler dies before it hears so. Its cursor must not have moved.
            gate.hold(BulkGate.Mode.AFTER);
            process = serve(config, indices, gate, prefix, 1);
            assertTrue(gate.awaitHeld(Duration.ofMinutes(2)), "run 1 wrote no bulk of messages: " + log(1));
            process.destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            assertTrue(gate.awaitNothingForwarding(Duration.ofMinutes(2)));
            long applied = count(client, names.messages(), null);
            // The batch of 60 may have left in several bulks; every one the node applied counts, and at least one did.
            assertTrue(applied > 0, "the node applied no bulk: " + log(1));
            assertEquals(gate.messagesAppliedWhileHeld(), applied, "the node applied the bulks the crawler never heard back from");
            gate.open();
            addPosts(room, t0, 61, 70);

            // 2. The crawler dies with a bulk on its way that the node never sees.
            gate.hold(BulkGate.Mode.BEFORE);
            process = serve(config, indices, gate, prefix, 2);
            assertTrue(gate.awaitHeld(Duration.ofMinutes(2)), "run 2 wrote no bulk of messages: " + log(2));
            process.destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            assertEquals(applied, count(client, names.messages(), null), "the bulk killed on its way never reached the node");
            gate.open();
            addPosts(room, t0, 71, 80);

            // 3. SIGTERM with a bulk on its way: the process must wait for it, save the cursor, then exit by itself.
            gate.hold(BulkGate.Mode.BEFORE);
            process = serve(config, indices, gate, prefix, 3);
            assertTrue(gate.awaitHeld(Duration.ofMinutes(2)), "run 3 wrote no bulk of messages: " + log(3));
            process.destroy();
            Thread.sleep(1500); // a process that did not wait for its bulk would be gone by now
            assertTrue(process.isAlive(), "serve exited with a bulk in flight: " + log(3));
            gate.open();
            assertTrue(process.waitFor(90, TimeUnit.SECONDS), "serve exits by itself once its bulk is answered: " + log(3));
            process = null;
        }

        assertEquals(80, count(client, names.messages(), null), "every post once");
        assertEquals(80, count(client, names.messageVersions(), null), "every post recorded once as a version");
        for (long id = 1; id <= 80; id++) {
            assertEquals(1, count(client, names.messages(), id), "post " + id);
        }
        try (ControlPlaneDatabase db = ControlPlaneDatabase.open(new ConfigLoader().defaults().database()
                .withJdbcUrl("jdbc:h2:file:" + dir.resolve("data/roomwatch")))) {
            assertEquals(80, new JdbcRoomRegistry(db.dataSource()).position(ROOM).cursor(),
                    "the cursor was saved once the bulk in flight at SIGTERM was acknowledged");
        }
    }

    private static long count(ElasticsearchClient client, String index, Long postId) throws IOException {
        client.indices().refresh(r -> r.index(index));
        if (postId == null) {
            return client.count(c -> c.index(index)).count();
        }
        return client.count(c -> c.index(index).query(q -> q.bool(b -> b
                .filter(f -> f.term(t -> t.field("room").value(ROOM)))
                .filter(f -> f.term(t -> t.field("message_id").value(postId)))))).count();
    }

    private static void addPosts(SimRoom room, Instant t0, long from, long to) {
        for (long id = from; id <= to; id++) {
            room.add(SimPost.text(id, t0.plusSeconds(id), "가상중학교 글 " + id));
        }
    }

    private Process serve(Path config, TestIndices indices, BulkGate gate, String prefix, int run) throws IOException {
        return ServeProcess.start(dir, dir.resolve("serve-" + run + ".log"), Map.of(
                "ROOMWATCH_ELASTICSEARCH_URL", gate.url().toString(),
                "ROOMWATCH_ELASTICSEARCH_INDEXPREFIX", prefix,
                "ROOMWATCH_API_PORT", "0",
                "ROOMWATCH_CRAWLER_USERAGENT", "roomwatch-bulkkill-" + run), "--config", config.toString());
    }

    private String log(int run) {
        return ServeProcess.tail(dir.resolve("serve-" + run + ".log"), 30);
    }
}
