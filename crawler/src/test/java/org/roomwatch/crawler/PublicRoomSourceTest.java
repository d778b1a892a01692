package org.roomwatch.crawler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roomwatch.core.CrawlPosition;
import org.roomwatch.core.InviteStatus;
import org.roomwatch.core.Message;
import org.roomwatch.core.RoomKind;
import org.roomwatch.core.RoomSnapshot;
import org.roomwatch.core.SourceException;
import org.roomwatch.crawler.http.FetchException;
import org.roomwatch.crawler.telegram.PublicRoomSource;
import org.roomwatch.simulator.SimInvite;
import org.roomwatch.simulator.SimPost;
import org.roomwatch.simulator.SimRoom;
import org.roomwatch.simulator.TelegramSite;

class PublicRoomSourceTest {
    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
    private TelegramSite site;
    private Fixtures.RecordingSleeper sleeper;
    private PublicRoomSource source;

    @BeforeEach
    void start() {
        site = TelegramSite.start();
        SimRoom room = new SimRoom("long_room", "긴 방", "설명", true, 1500, true);
        for (long id = 1; id <= 75; id++) {
            room.add(SimPost.text(id, T0.plusSeconds(id * 60), "글 " + id));
        }
        site.add(room);
        site.add(new SimRoom("hidden_room", "숨은 방", "미리보기 없음", false, 80, false));
        site.add(new SimInvite("ValidInvite01", "초대 방", "설명", false, 1234, false));
        site.add(new SimInvite("ExpiredInvite02", null, null, false, 0, true));
        sleeper = new Fixtures.RecordingSleeper();
        source = Fixtures.source(site.baseUrl(), sleeper);
    }

    @AfterEach
    void stop() {
        site.close();
    }

    private static List<Long> ids(RoomSnapshot snapshot) {
        return snapshot.messages().stream().map(Message::messageId).toList();
    }

    @Test
    void firstCrawlPagesBackToTheFirstPostOldestFirst() throws SourceException {
        RoomSnapshot snapshot = source.fetch("long_room", CrawlPosition.START);
        assertEquals(75, snapshot.messages().size());
        assertEquals(1L, ids(snapshot).get(0));
        assertEquals(75L, ids(snapshot).get(74));
        assertTrue(snapshot.complete());
        assertEquals(1, site.hits("/s/long_room?before=36"));
        assertEquals(1, site.hits("/s/long_room?before=16"));
        assertEquals(RoomKind.CHANNEL, snapshot.room().kind());
        assertEquals(1500L, snapshot.room().subscribers());
    }

    @Test
    void laterCrawlStopsAtTheCursor() throws SourceException {
        site.room("long_room").add(SimPost.text(76, T0.plusSeconds(76 * 60), "새 글"));
        RoomSnapshot snapshot = source.fetch("long_room", new CrawlPosition(70, 0, 0));
        assertEquals(List.of(71L, 72L, 73L, 74L, 75L, 76L), ids(snapshot));
        assertEquals(0, site.hits("/s/long_room?before=57"), "no page older than the cursor is fetched");
    }

    @Test
    void pageCapStopsEarlyAndTheBackfillResumesWithoutGaps() throws SourceException {
        PublicRoomSource capped = new PublicRoomSource(
                new org.roomwatch.crawler.http.PoliteFetcher(Fixtures.crawlerConfig(site.baseUrl()), java.time.Clock.systemUTC(), sleeper),
                site.baseUrl(), 2, java.time.Clock.systemUTC());
        CrawlPosition position = CrawlPosition.START;
        java.util.TreeSet<Long> stored = new java.util.TreeSet<>();
        for (int crawl = 0; crawl < 5; crawl++) {
            RoomSnapshot snapshot = capped.fetch("long_room", position);
            stored.addAll(ids(snapshot));
            position = position.after(snapshot);
            if (snapshot.complete()) {
                break;
            }
        }
        assertEquals(75, stored.size());
        assertEquals(75L, position.cursor());
        assertFalse(position.inBackfill());
    }

    @Test
    void hiddenPreviewIsRecordedAsSuchNotAsEmpty() throws SourceException {
        RoomSnapshot snapshot = source.fetch("hidden_room", CrawlPosition.START);
        assertFalse(snapshot.room().hasPreview());
        assertEquals("숨은 방", snapshot.room().title());
        assertEquals(80L, snapshot.room().members());
        assertTrue(snapshot.messages().isEmpty());
    }

    @Test
    void invitesAreReadAndExpiredOnesRecognised() throws SourceException {
        var valid = source.landing("+ValidInvite01");
        assertEquals(InviteStatus.VALID, valid.invite());
        assertEquals(1234L, valid.members());
        assertEquals(RoomKind.GROUP, valid.kind());
        assertEquals(InviteStatus.EXPIRED_OR_INVALID, source.landing("joinchat/ExpiredInvite02").invite());
        assertThrows(IllegalArgumentException.class, () -> source.landing("+bad/../path"));
    }

    @Test
    void unknownRoomIsAClearError() {
        SourceException e = assertThrows(SourceException.class, () -> source.fetch("no_such_room", CrawlPosition.START));
        assertTrue(e.getMessage().contains("no public room named no_such_room"), e.getMessage());
    }

    @Test
    void roomNameWithPathCharactersIsRefusedBeforeAnyRequest() {
        for (String bad : List.of("../etc", "a/b", "room?x=1", "http://evil", "", "ab")) {
            assertThrows(IllegalArgumentException.class, () -> source.fetch(bad, CrawlPosition.START), bad);
        }
        assertTrue(site.requests().isEmpty());
    }

    @Test
    void tooManyRequestsWaitsAsLongAsRetryAfterSays() throws SourceException {
        site.failNext("/s/long_room", 429, 1, "7");
        RoomSnapshot snapshot = source.fetch("long_room", new CrawlPosition(74, 0, 0));
        assertEquals(List.of(75L), ids(snapshot));
        assertTrue(sleeper.sleeps.stream().anyMatch(d -> d.compareTo(Duration.ofSeconds(6)) >= 0), sleeper.sleeps.toString());
    }

    @Test
    void serverErrorsAreRetriedWithGrowingBackoffThenGiveUp() throws SourceException {
        site.failNext("/s/long_room", 503, 2, null);
        assertEquals(List.of(75L), ids(source.fetch("long_room", new CrawlPosition(74, 0, 0))));
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), sleeper.sleeps);
        site.failNext("/s/long_room", 500, 100, null);
        FetchException e = assertThrows(FetchException.class, () -> source.fetch("long_room", CrawlPosition.START));
        assertEquals(500, e.status());
        assertTrue(e.retryable());
    }

    @Test
    void clientErrorIsNotRetried() {
        site.failNext("/s/long_room", 403, 5, null);
        FetchException e = assertThrows(FetchException.class, () -> source.fetch("long_room", CrawlPosition.START));
        assertTrue(e.getMessage().contains("HTTP 403"), e.getMessage());
        assertEquals(1, site.hits("/s/long_room"));
    }

    @Test
    void giantPageIsRefused() {
        site.serveRaw("/s/long_room", 200, "text/html; charset=utf-8", new byte[6_000_000]);
        FetchException e = assertThrows(FetchException.class, () -> source.fetch("long_room", CrawlPosition.START));
        assertTrue(e.getMessage().contains("maxPageBytes"), e.getMessage());
    }

    @Test
    void invalidUtf8IsAnErrorAndDeclaredCharsetsAreHonoured() throws SourceException {
        site.serveRaw("/s/long_room", 200, "text/html", new byte[] {'<', 'p', '>', (byte) 0xC3, (byte) 0x28});
        FetchException e = assertThrows(FetchException.class, () -> source.fetch("long_room", CrawlPosition.START));
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
        String euckr = "<div class=\"tgme_channel_info\"><div class=\"tgme_channel_info_header_title\">한빛 방</div></div>";
        site.serveRaw("/s/long_room", 200, "text/html; charset=EUC-KR", euckr.getBytes(Charset.forName("EUC-KR")));
        assertEquals("한빛 방", source.fetch("long_room", CrawlPosition.START).room().title());
        site.serveRaw("/s/long_room", 200, "text/html; charset=klingon", "x".getBytes(StandardCharsets.UTF_8));
        assertTrue(assertThrows(FetchException.class, () -> source.fetch("long_room", CrawlPosition.START))
                .getMessage().contains("unknown charset"));
    }
}
