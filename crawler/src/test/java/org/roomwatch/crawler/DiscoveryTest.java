package org.roomwatch.crawler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcDiscoveredRooms;
import org.roomwatch.controlplane.JdbcRoomRegistry;
import org.roomwatch.core.CaptureStore;
import org.roomwatch.core.DiscoveredRoom;
import org.roomwatch.core.Message;
import org.roomwatch.core.Room;
import org.roomwatch.core.SourceKind;
import org.roomwatch.core.WatchedRoom;
import org.roomwatch.core.ingest.IngestPipeline;
import org.roomwatch.crawler.discovery.DiscoveredPageFetcher;
import org.roomwatch.crawler.schedule.RoomCrawler;
import org.roomwatch.indexer.LinkDiscovery;
import org.roomwatch.simulator.SimInvite;
import org.roomwatch.simulator.SimPost;
import org.roomwatch.simulator.SimRoom;
import org.roomwatch.simulator.TelegramSite;
import org.roomwatch.testkit.ControlPlaneExtension;

/** Links in crawled posts become one queued room each, whose public pages are then read from the simulated site. */
@ExtendWith(ControlPlaneExtension.class)
class DiscoveryTest {
    private static final Instant T0 = Instant.parse("2026-08-01T00:00:00Z");
    private TelegramSite site;
    private ControlPlaneDatabase db;

    @BeforeEach
    void setUp(ControlPlaneDatabase database) {
        site = TelegramSite.start();
        SimRoom source = new SimRoom("source_room", "소스 방", "설명", false, 10, true);
        source.add(SimPost.text(1, T0, "새 방 https://t.me/other_room 이랑 t.me/s/Other_Room 들어와"));
        source.add(SimPost.text(2, T0.plusSeconds(60), "비밀방 https://t.me/+SimSecretInvite01 / t.me/joinchat/SimSecretInvite01"));
        source.add(SimPost.text(3, T0.plusSeconds(120), "만료 https://t.me/+SimGoneInvite999 오픈톡 https://open.kakao.com/o/gSample12"));
        source.add(SimPost.text(4, T0.plusSeconds(180), "여기 우리방 https://t.me/source_room 공유 https://t.me/share/url?url=x"));
        source.add(SimPost.text(5, T0.plusSeconds(240), "또 https://t.me/other_room/5 와 없는방 t.me/no_such_room_x"));
        site.add(source);
        site.add(new SimRoom("other_room", "다른 방", "다른 설명", false, 321, true));
        site.add(new SimInvite("SimSecretInvite01", "비밀 합성방", "초대만", false, 57, false));
        db = database;
    }

    @AfterEach
    void tearDown() {
        site.close();
    }

    @Test
    void linksBecomeQueuedRoomsWithTheirPages() {
        JdbcRoomRegistry registry = new JdbcRoomRegistry(db.dataSource());
        JdbcDiscoveredRooms discovered = new JdbcDiscoveredRooms(db.dataSource());
        var source = Fixtures.source(site.baseUrl(), new Fixtures.RecordingSleeper());
        CaptureStore nowhere = new CaptureStore() {
            public void writeRoom(Room room) {}
            public void writeMessages(List<Message> messages) {}
            public void writeDeletions(List<org.roomwatch.core.MessageDeletion> deletions) {}
        };
        RoomCrawler crawler = new RoomCrawler(registry, Map.of(SourceKind.PUBLIC, source),
                IngestPipeline.storing(nowhere, new LinkDiscovery(discovered)), Clock.systemUTC());
        registry.put(new WatchedRoom("source_room", SourceKind.PUBLIC, java.time.Duration.ofMinutes(5)));
        assertTrue(crawler.crawl("source_room").ok());
        assertTrue(crawler.crawl("source_room").ok(), "a second crawl finds nothing new and records nothing twice");

        List<DiscoveredRoom> pending = discovered.list("pending", 100);
        assertEquals(List.of("kakao:gSample12", "telegram:+SimGoneInvite999", "telegram:+SimSecretInvite01", "telegram:no_such_room_x",
                "telegram:other_room"), pending.stream().map(DiscoveredRoom::id).sorted().toList());
        DiscoveredRoom other = discovered.find("telegram:other_room").orElseThrow();
        assertEquals(2, other.sightings(), "seen in posts 1 and 5, under three links");
        assertEquals(T0, other.firstSeen());
        assertEquals(T0.plusSeconds(240), other.lastSeen());

        List<String> announced = new java.util.ArrayList<>();
        var fetcher = new DiscoveredPageFetcher(discovered, source, Clock.systemUTC(), r -> announced.add(r.id() + "=" + r.title()));
        assertEquals(5, fetcher.fetchSome(10));
        assertEquals(0, fetcher.fetchSome(10), "each page is read once");
        assertTrue(announced.contains("telegram:other_room=다른 방") && announced.contains("telegram:+SimSecretInvite01=비밀 합성방"),
                "read pages are handed on for watchlist matching: " + announced);
        other = discovered.find("telegram:other_room").orElseThrow();
        assertEquals("다른 방", other.title());
        assertEquals(321L, other.members());
        DiscoveredRoom secret = discovered.find("telegram:+SimSecretInvite01").orElseThrow();
        assertEquals("비밀 합성방", secret.title());
        assertEquals(false, secret.expired());
        assertEquals(true, discovered.find("telegram:+SimGoneInvite999").orElseThrow().expired());
        assertTrue(discovered.find("telegram:no_such_room_x").orElseThrow().fetchNote().contains("no public room named no_such_room_x"));
        DiscoveredRoom kakao = discovered.find("kakao:gSample12").orElseThrow();
        assertNull(kakao.title());
        assertTrue(kakao.fetchNote().startsWith("no public page reader for kakao"));
    }
}
