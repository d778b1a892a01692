package org.roomwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.nodes.Stats;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcHashSets;
import org.roomwatch.controlplane.JdbcWatchlists;
import org.roomwatch.core.InviteStatus;
import org.roomwatch.core.Message;
import org.roomwatch.core.Room;
import org.roomwatch.core.RoomKind;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.watch.AlertNotice;
import org.roomwatch.core.watch.RuleKind;
import org.roomwatch.indexer.AlertStore;
import org.roomwatch.indexer.BulkMessageWriter;
import org.roomwatch.indexer.LiveWatch;
import org.roomwatch.indexer.MessageEnricher;
import org.roomwatch.indexer.RetroScans;
import org.roomwatch.indexer.testing.IndicesExtension;
import org.roomwatch.indexer.testing.TestIndices;
import org.roomwatch.tagging.Tagging;
import org.roomwatch.testkit.ControlPlaneExtension;

/**
 * A rule on a word a room uses all the time matches most of a crawled batch: its alerts are written in one bulk
 * request and the room's title for their mail is read once, not a write and a read per message, and none is lost or
 * raised twice.
 */
@ExtendWith({IndicesExtension.class, ControlPlaneExtension.class})
class BatchAlertsTest {
    private static final Instant T0 = Instant.parse("2026-09-01T00:00:00Z");

    private static Message message(long id, String text) {
        return new Message("telegram", "busy_room", id, "http://sim/busy_room/" + id, T0.plusSeconds(id), null, text, List.of(), null,
                null, 1L, false, false, List.of(), T0, "http://sim/s/busy_room", "aa".repeat(32));
    }

    @Test
    void aBatchsAlertsAreOneWriteAndItsRoomTitleOneRead(TestIndices indices, ControlPlaneDatabase db) throws Exception {
        ElasticsearchClient client = indices.client();
        JdbcWatchlists watchlists = new JdbcWatchlists(db.dataSource());
        var list = watchlists.create("바쁜 방", "kim", false, List.of("kim@example.org"), "kim");
        watchlists.addRule(list.id(), RuleKind.TERM, "사진", null, "kim");
        List<AlertNotice> notices = Collections.synchronizedList(new ArrayList<>());
        LiveWatch watch = new LiveWatch(watchlists, new JdbcHashSets(db.dataSource()),
                new AlertStore(client, indices.names(), Clock.systemUTC()), notices::add);
        Tagging tagging = new Tagging(SchoolsCommand.sample(), List.of());
        try (BulkMessageWriter writer = new BulkMessageWriter(client, indices.names(), new MessageEnricher(() -> tagging),
                new ConfigLoader().defaults().elasticsearch())) {
            writer.writeRoom(new Room("telegram", "busy_room", "바쁜 방 제목", null, RoomKind.CHANNEL, null, null, null, null, null,
                    null, true, InviteStatus.NOT_AN_INVITE, T0, "http://sim/s/busy_room", "bb".repeat(32)));
            List<Message> batch = new ArrayList<>(LongStream.rangeClosed(1, 19).mapToObj(i -> message(i, "사진 " + i + "번 올림")).toList());
            batch.add(message(20, "잡담"));
            List<BulkMessageWriter.Prepared> prepared = writer.prepare(batch);
            writer.writePrepared(prepared);

            // What one bulk request to an existing index costs the write pool on this node (its coordination and its
            // shard's part), to compare with: a room document nothing here reads.
            long oneBulk = completed(client, "write");
            client.bulk(b -> b.operations(o -> o.create(c -> c.index(indices.names().rooms()).id("telegram:calibration")
                    .document(java.util.Map.of("title", "-")))));
            oneBulk = completed(client, "write") - oneBulk;
            long oneGet = completed(client, "get");
            client.get(g -> g.index(indices.names().rooms()).id("telegram:calibration"), java.util.Map.class);
            oneGet = completed(client, "get") - oneGet;
            assertTrue(oneBulk > 0 && oneGet > 0, "the pools count these requests: " + oneBulk + " write, " + oneGet + " get tasks");

            long writesBefore = completed(client, "write");
            long getsBefore = completed(client, "get");
            watch.onIndexed(prepared);
            long writes = completed(client, "write") - writesBefore;
            long gets = completed(client, "get") - getsBefore;

            assertEquals(19, notices.size(), "an alert and its mail for each of the 19 messages that use the word");
            assertTrue(notices.stream().allMatch(n -> "바쁜 방 제목".equals(n.roomTitle())), "every mail names the room");
            assertEquals(oneBulk, writes, "the batch's 19 alerts are one bulk request, not one per message");
            assertEquals(oneGet, gets, "the room's title is read once for the batch, not once per alert");

            watch.onIndexed(writer.prepare(batch)); // the same page crawled again
            assertEquals(19, notices.size(), "an alert already raised is not raised again");
            client.indices().refresh(r -> r.index(indices.names().alerts()));
            assertEquals(19, indices.count(indices.names().alerts()));
        }
    }

    @Test
    void aRetroactiveRunWritesAPagesAlertsInOneRequest(TestIndices indices, ControlPlaneDatabase db) throws Exception {
        ElasticsearchClient client = indices.client();
        JdbcWatchlists watchlists = new JdbcWatchlists(db.dataSource());
        Tagging tagging = new Tagging(SchoolsCommand.sample(), List.of());
        AlertStore alerts = new AlertStore(client, indices.names(), Clock.systemUTC());
        try (BulkMessageWriter writer = new BulkMessageWriter(client, indices.names(), new MessageEnricher(() -> tagging),
                new ConfigLoader().defaults().elasticsearch());
             RetroScans retro = new RetroScans(client, indices.names(), alerts, new JdbcHashSets(db.dataSource()), Clock.systemUTC())) {
            List<Message> stored = new ArrayList<>(LongStream.rangeClosed(1, 30).mapToObj(i -> message(i, "사진 " + i + "번 올림")).toList());
            stored.add(message(31, "잡담"));
            writer.writeMessages(stored);
            client.indices().refresh(r -> r.index(indices.names().messages()));
            var list = watchlists.create("나중에 만든 목록", "lee", false, List.of(), "lee");
            watchlists.addRule(list.id(), RuleKind.TERM, "사진", null, "lee");

            long oneBulk = completed(client, "write");
            client.bulk(b -> b.operations(o -> o.create(c -> c.index(indices.names().rooms()).id("telegram:calibration")
                    .document(java.util.Map.of("title", "-")))));
            oneBulk = completed(client, "write") - oneBulk;
            long before = completed(client, "write");
            assertTrue(retro.start(watchlists.find(list.id()).orElseThrow(), "lee"));
            var progress = retro.progress(list.id()).orElseThrow();
            for (int i = 0; i < 200 && !progress.state().equals("done") && !progress.state().equals("failed"); i++) {
                Thread.sleep(50);
                progress = retro.progress(list.id()).orElseThrow();
            }
            assertEquals("done", progress.state(), progress.toString());
            assertEquals(30, progress.alerts(), "an alert for each message that uses the word");
            assertEquals(oneBulk, completed(client, "write") - before, "the page's 30 alerts are one bulk request, not one per message");
        }
    }

    /**
     * Tasks the node's thread pool has completed (the write pool runs a shard's part of each bulk request), read once
     * two reads a tenth of a second apart agree: a task is counted just after it answered.
     */
    private static long completed(ElasticsearchClient client, String pool) throws IOException, InterruptedException {
        long last = -1;
        for (int i = 0; i < 50; i++) {
            Stats node = client.nodes().stats(s -> s.metric("thread_pool")).nodes().values().iterator().next();
            long now = node.threadPool().get(pool).completed();
            if (now == last) {
                return now;
            }
            last = now;
            Thread.sleep(100);
        }
        return last;
    }
}
