package org.roomwatch.crawler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcRoomRegistry;
import org.roomwatch.core.CaptureStore;
import org.roomwatch.core.Message;
import org.roomwatch.core.Room;
import org.roomwatch.core.SourceKind;
import org.roomwatch.core.WatchedRoom;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.config.DatabaseConfig;
import org.roomwatch.core.ingest.IngestPipeline;
import org.roomwatch.crawler.schedule.CrawlScheduler;
import org.roomwatch.crawler.schedule.RoomCrawler;
import org.roomwatch.crawler.schedule.RoomWatchService;
import org.roomwatch.indexer.BulkMessageWriter;
import org.roomwatch.indexer.IndexNames;
import org.roomwatch.indexer.MessageEnricher;
import org.roomwatch.indexer.testing.IndicesExtension;
import org.roomwatch.indexer.testing.TestIndices;
import org.roomwatch.simulator.SimPost;
import org.roomwatch.simulator.SimRoom;
import org.roomwatch.simulator.TelegramSite;
import org.roomwatch.testkit.ControlPlaneExtension;

/** The whole first path: a watched room crawled by Quartz into the real index, positions in a real H2 file. */
@ExtendWith(ControlPlaneExtension.class)
@ExtendWith(IndicesExtension.class)
class CrawlAndScheduleTest {
    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
    private TelegramSite site;
    private ControlPlaneDatabase db;
    private ElasticsearchClient client;
    private IndexNames names;
    private BulkMessageWriter writer;
    private JdbcRoomRegistry registry;

    @BeforeEach
    void setUp(TestIndices indices, ControlPlaneDatabase database) {
        site = TelegramSite.start();
        SimRoom room = new SimRoom("school_room", "학교 방", "설명", false, 300, true);
        for (long id = 1; id <= 45; id++) {
            room.add(SimPost.text(id, T0.plusSeconds(id * 60), "서울중학교 글 " + id));
        }
        site.add(room);
        db = database;
        registry = new JdbcRoomRegistry(db.dataSource());
        client = indices.client();
        names = indices.names();
        writer = new BulkMessageWriter(client, names, new MessageEnricher(), new ConfigLoader().defaults().elasticsearch());
    }

    @AfterEach
    void tearDown() {
        writer.close();
        site.close();
    }

    private RoomCrawler crawler(CaptureStore store) {
        return new RoomCrawler(registry, Map.of(SourceKind.PUBLIC, Fixtures.source(site.baseUrl(), new Fixtures.RecordingSleeper())),
                IngestPipeline.storing(store), Clock.systemUTC());
    }

    private long count() throws IOException {
        client.indices().refresh(r -> r.index(names.messages()));
        return client.count(c -> c.index(names.messages())).count();
    }

    @Test
    void aFullDiskOnEitherSideIsNamedInTheOutcomeAndTheCursorStays() throws IOException, InterruptedException {
        registry.put(new WatchedRoom("school_room", SourceKind.PUBLIC, Duration.ofMinutes(5)));
        java.util.concurrent.atomic.AtomicReference<java.util.Optional<String>> localDisk =
                new java.util.concurrent.atomic.AtomicReference<>(java.util.Optional.of("the disk of the data directory /srv/rw is full"));
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
        RoomCrawler crawler = crawler(writer).withMonotonicClock(nanos::get).withDiskCheck(localDisk::get);

        // The local data directory is full: no page is fetched that could not be kept.
        var local = crawler.crawl("school_room");
        assertFalse(local.ok());
        assertEquals("disk full: the disk of the data directory /srv/rw is full", local.summary());
        assertEquals(0, site.requests().size(), "nothing fetched while the data directory is full");

        // Elasticsearch past its flood-stage watermark: the block its disk monitor puts on every index, refusing writes.
        // The monitor also lifts that block, within 30 s, from a node whose disk is not full (as this one's is not): it
        // is paused meanwhile, or the block could be lifted while the store retries and the crawl would succeed.
        localDisk.set(java.util.Optional.empty());
        client.cluster().putSettings(c -> c.persistent("cluster.routing.allocation.disk.threshold_enabled",
                co.elastic.clients.json.JsonData.of(false)));
        client.indices().putSettings(p -> p.index(names.messages()).settings(x -> x.blocks(b -> b.readOnlyAllowDelete(true))));
        // The node's disk monitor may still lift the block at a cluster-info refresh (with the threshold disabled it
        // removes existing read-only-allow-delete blocks: DiskThresholdMonitor.onNewInfo), and one falling within the
        // store's retries let the crawl succeed in a rehearsal. The block is put back every 50 ms until it answered.
        AtomicBoolean holding = new AtomicBoolean(true);
        Thread keeper = new Thread(() -> {
            while (holding.get()) {
                try {
                    client.indices().putSettings(p -> p.index(names.messages()).settings(x -> x.blocks(b -> b.readOnlyAllowDelete(true))));
                    Thread.sleep(50);
                } catch (IOException | RuntimeException e) {
                    // the next round tries again
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "flood-stage-block");
        keeper.start();
        try {
            var remote = crawler.crawl("school_room");
            assertFalse(remote.ok());
            assertTrue(remote.summary().startsWith("store failed: disk full: the disk of Elasticsearch is full (flood-stage watermark)"),
                    remote.summary());
            assertEquals(0, registry.position("school_room").cursor());
        } finally {
            holding.set(false);
            keeper.join();
            client.indices().putSettings(p -> p.index(names.messages()).settings(x -> x.blocks(b -> b.readOnlyAllowDelete(false))));
            client.cluster().putSettings(c -> c.persistent("cluster.routing.allocation.disk.threshold_enabled",
                    co.elastic.clients.json.JsonData.of(true)));
        }
        nanos.addAndGet(Duration.ofMinutes(2).toNanos());
        assertTrue(crawler.crawl("school_room").ok());
        assertEquals(45, registry.position("school_room").cursor());
        assertEquals(45, count());
    }

    /** The real writer, except that messages are refused while {@code indexDown} holds. */
    private CaptureStore refusing(AtomicBoolean indexDown) {
        return new CaptureStore() {
            @Override
            public void writeRoom(Room room) {
                writer.writeRoom(room);
            }

            @Override
            public void writeMessages(List<Message> messages) {
                if (indexDown.get()) {
                    throw new IllegalStateException("simulated index outage");
                }
                writer.writeMessages(messages);
            }

            @Override
            public void writeDeletions(List<org.roomwatch.core.MessageDeletion> deletions) {
                writer.writeDeletions(deletions);
            }
        };
    }

    @Test
    void whatTheIndexRefusedIsKeptInMemoryAndStoredFirstThoughTheRoomDeletedItMeanwhile() throws IOException {
        registry.put(new WatchedRoom("school_room", SourceKind.PUBLIC, Duration.ofMinutes(5)));
        AtomicBoolean indexDown = new AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
        RoomCrawler crawler = crawler(refusing(indexDown)).withMonotonicClock(nanos::get).withUnstoredBuffer(100);

        var refused = crawler.crawl("school_room");
        assertFalse(refused.ok());
        assertTrue(refused.summary().endsWith("its 45 messages are kept in memory to be stored first"), refused.summary());
        assertEquals(45, crawler.unstoredMessages());
        assertEquals(0, registry.position("school_room").cursor());

        for (long id = 30; id < 40; id++) {
            site.room("school_room").delete(id); // the room's admin deletes posts while the index is away
        }
        indexDown.set(false);
        nanos.addAndGet(Duration.ofMillis(1001).toNanos());
        var back = crawler.crawl("school_room");
        assertTrue(back.ok(), back.summary());
        assertTrue(back.summary().startsWith("45 kept from a refused store, 0 new, cursor 45"), back.summary());
        assertEquals(0, crawler.unstoredMessages());
        assertEquals(45, registry.position("school_room").cursor());
        assertEquals(45, count(), "the deleted posts were kept as seen");
    }

    @Test
    void aRefusedBatchBeyondTheBoundIsNotKeptButFetchedAgainFromTheSource() throws IOException {
        registry.put(new WatchedRoom("school_room", SourceKind.PUBLIC, Duration.ofMinutes(5)));
        AtomicBoolean indexDown = new AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
        RoomCrawler crawler = crawler(refusing(indexDown)).withMonotonicClock(nanos::get).withUnstoredBuffer(44);

        var refused = crawler.crawl("school_room");
        assertTrue(refused.summary().endsWith("its 45 messages do not fit in memory (crawler.unstoredMessagesMax) and will be"
                + " fetched again from the source"), refused.summary());
        assertEquals(0, crawler.unstoredMessages());
        int fetches = site.requests().size();

        indexDown.set(false);
        nanos.addAndGet(Duration.ofMillis(1001).toNanos());
        var back = crawler.crawl("school_room");
        assertTrue(back.summary().startsWith("45 new, cursor 45"), back.summary());
        assertTrue(site.requests().size() > fetches, "fetched again");
        assertEquals(45, count());
    }

    @Test
    void cursorAdvancesOnlyAfterTheIndexAcknowledges() throws IOException {
        registry.put(new WatchedRoom("school_room", SourceKind.PUBLIC, Duration.ofMinutes(5)));
        AtomicBoolean indexDown = new AtomicBoolean(true);
        CaptureStore failing = refusing(indexDown);
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
        RoomCrawler crawler = crawler(failing).withMonotonicClock(nanos::get);
        var failed = crawler.crawl("school_room");
        assertFalse(failed.ok());
        assertEquals(0, registry.position("school_room").cursor());
        assertTrue(registry.status("school_room").orElseThrow().lastOutcome().contains("simulated index outage"));

        // Within the pause after a failed store, crawls do not fetch pages the index could not keep.
        int fetches = site.requests().size();
        indexDown.set(false);
        var paused = crawler.crawl("school_room");
        assertFalse(paused.ok());
        assertTrue(paused.summary().startsWith("paused: the index was unavailable"), paused.summary());
        assertEquals(fetches, site.requests().size(), "no page fetched while paused");
        assertEquals(0, registry.position("school_room").cursor());

        nanos.addAndGet(Duration.ofMillis(1001).toNanos());
        assertTrue(crawler.crawl("school_room").ok());
        assertEquals(45, registry.position("school_room").cursor());
        assertEquals(45, count());

        site.room("school_room").add(SimPost.text(46, T0.plusSeconds(46 * 60), "새 글"));
        assertEquals(1, crawler.crawl("school_room").stored());
        assertEquals(1, crawler.crawl("school_room").stored() + 1, "nothing new the second time");
        assertEquals(46, count());
    }

    @Test
    void cursorNeverMovesBackwards() {
        registry.put(new WatchedRoom("school_room", SourceKind.PUBLIC, Duration.ofMinutes(5)));
        registry.savePosition("school_room", new org.roomwatch.core.CrawlPosition(10, 0, 0));
        assertThrows(IllegalStateException.class,
                () -> registry.savePosition("school_room", new org.roomwatch.core.CrawlPosition(5, 0, 0)));
        assertEquals(10, registry.position("school_room").cursor());
    }

    @Test
    void quartzCrawlsWatchedRoomsAndStopsWhenUnwatched() throws Exception {
        RoomCrawler crawler = crawler(writer);
        try (CrawlScheduler scheduler = new CrawlScheduler(db.dataSource(), false, 2, crawler)) {
            RoomWatchService watcher = new RoomWatchService(registry, scheduler);
            scheduler.start();
            assertTrue(watcher.watch(new WatchedRoom("school_room", SourceKind.PUBLIC, Duration.ofSeconds(1))));
            waitFor(() -> registry.position("school_room").cursor() == 45, Duration.ofSeconds(30));
            site.room("school_room").add(SimPost.text(47, T0.plusSeconds(47 * 60), "스케줄 글"));
            waitFor(() -> registry.position("school_room").cursor() == 47, Duration.ofSeconds(30));
            assertEquals(46, count());

            assertTrue(watcher.unwatch("school_room"));
            assertFalse(scheduler.isScheduled("school_room"));
            int before = site.hits("/s/school_room");
            Thread.sleep(2500);
            assertTrue(site.hits("/s/school_room") <= before + 1, "at most the run in flight finishes");
        }
        // Positions survive restarts: a new registry on the same file sees the cursor.
        assertEquals(47, new JdbcRoomRegistry(db.dataSource()).position("school_room").cursor());
    }

    @Test
    void aHangingRoomTimesOutWhileTheOtherRoomsKeepBeingCrawled() throws Exception {
        SimRoom other = new SimRoom("quiet_room", "조용한 방", "설명", false, 10, true);
        for (long id = 1; id <= 5; id++) {
            other.add(SimPost.text(id, T0.plusSeconds(id), "글 " + id));
        }
        site.add(other);
        site.add(new SimRoom("hanging_room", "멈춘 방", "설명", false, 10, true));
        site.hang("hanging_room", Duration.ofSeconds(3));
        var crawlerConfig = new ConfigLoader().load(null, Map.of("ROOMWATCH_CRAWLER_TELEGRAMBASEURL", site.baseUrl(),
                "ROOMWATCH_CRAWLER_REQUESTSPERSECONDPERHOST", "1000", "ROOMWATCH_CRAWLER_REQUESTTIMEOUT", "1s",
                "ROOMWATCH_CRAWLER_MAXRETRIES", "0")).crawler();
        var source = new org.roomwatch.crawler.telegram.PublicRoomSource(new org.roomwatch.crawler.http.PoliteFetcher(
                crawlerConfig, Clock.systemUTC(), org.roomwatch.crawler.http.Sleeper.REAL), site.baseUrl(), 10, Clock.systemUTC());
        RoomCrawler crawler = new RoomCrawler(registry, Map.of(SourceKind.PUBLIC, source), IngestPipeline.storing(writer), Clock.systemUTC());
        try (CrawlScheduler scheduler = new CrawlScheduler(db.dataSource(), false, 2, crawler)) {
            RoomWatchService watcher = new RoomWatchService(registry, scheduler);
            scheduler.start();
            watcher.watch(new WatchedRoom("hanging_room", SourceKind.PUBLIC, Duration.ofSeconds(1)));
            watcher.watch(new WatchedRoom("school_room", SourceKind.PUBLIC, Duration.ofSeconds(1)));
            watcher.watch(new WatchedRoom("quiet_room", SourceKind.PUBLIC, Duration.ofSeconds(1)));
            waitFor(() -> registry.status("hanging_room").map(s -> String.valueOf(s.lastOutcome()).contains("timed out")).orElse(false),
                    Duration.ofSeconds(60));
            waitFor(() -> registry.position("school_room").cursor() == 45 && registry.position("quiet_room").cursor() == 5,
                    Duration.ofSeconds(60));
            // Still hanging, and new posts elsewhere keep arriving in the index.
            site.room("quiet_room").add(SimPost.text(6, T0.plusSeconds(6), "새 글"));
            waitFor(() -> registry.position("quiet_room").cursor() == 6, Duration.ofSeconds(60));
            assertEquals(0, registry.position("hanging_room").cursor());
            assertTrue(registry.status("hanging_room").orElseThrow().lastOutcome().contains("timed out"),
                    registry.status("hanging_room").orElseThrow().lastOutcome());
        }
    }

    @Test
    void badDatabaseUrlIsAClearError() {
        var e = assertThrows(IllegalStateException.class, () -> ControlPlaneDatabase.open(
                new DatabaseConfig("jdbc:postgresql://127.0.0.1:1/nothing", "x", "", 2)));
        assertTrue(e.getMessage().contains("cannot connect to the database"), e.getMessage());
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(100);
        }
    }
}
