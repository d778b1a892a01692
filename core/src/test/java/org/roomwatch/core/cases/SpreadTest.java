package org.roomwatch.core.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.roomwatch.core.cases.CaseSightings.RoomAudience;
import org.roomwatch.core.cases.CaseSightings.Sighting;

/**
 * A known spread, by hand: her photo first posted in room a, forwarded from there to b, c and d, posted again
 * (no forward) in e and f, one posting deleted; d's audience never captured; one forward names a room never crawled.
 */
class SpreadTest {
    private static final Instant T0 = Instant.parse("2026-09-01T00:00:00Z");
    private static final String PHOTO = "aa".repeat(32);

    private static Sighting posting(String room, long id, int minutes, String poster, Long views, String forwardedFrom, boolean deleted) {
        return new Sighting("사진 1", "pdq", 4, PHOTO, "telegram:" + room, room, id, "https://t.me/" + room + "/" + id,
                T0.plusSeconds(minutes * 60L), T0.plusSeconds(minutes * 60L + 30), deleted ? T0.plusSeconds(86_400) : null,
                "https://t.me/s/" + room, poster, views, forwardedFrom, "cd".repeat(32));
    }

    private static final List<Sighting> KNOWN = List.of(
            posting("room_f", 9, 50, "author:익명2", 40L, null, false),
            posting("room_b", 4, 10, "sender:501", 120L, "https://t.me/room_a/3", false),
            posting("room_a", 3, 0, "sender:500", 300L, null, false),
            posting("room_c", 7, 12, "sender:501", null, "https://t.me/room_a/3", false),
            posting("room_d", 2, 15, null, 10L, "https://t.me/s/room_a/3", false),
            posting("room_e", 5, 40, "author:익명2", 55L, null, true),
            posting("room_b", 8, 60, "sender:502", 5L, "chat:-100777/12", false));

    private static final Map<String, RoomAudience> AUDIENCES = Map.of(
            "telegram:room_a", new RoomAudience("telegram:room_a", "A방", 1000L, null, T0),
            "telegram:room_b", new RoomAudience("telegram:room_b", "B채널", null, 5000L, T0),
            "telegram:room_c", new RoomAudience("telegram:room_c", "C방", 200L, null, T0),
            "telegram:room_d", new RoomAudience("telegram:room_d", "D방", null, null, T0),
            "telegram:room_e", new RoomAudience("telegram:room_e", "E방", 50L, null, T0),
            "telegram:room_f", new RoomAudience("telegram:room_f", "F방", 70L, null, T0));

    @Test
    void totalsFirstPosterAndGraphOfAKnownSpread() {
        Spread spread = Spread.of("2026-서울-0009", KNOWN, AUDIENCES);
        Spread.Totals t = spread.totals();
        assertEquals(6, t.rooms());
        assertEquals(7, t.postings());
        assertEquals(4, t.distinctPosters(), "500, 501, 502 and the signature 익명2");
        assertEquals(1, t.postingsWithoutPoster());
        assertEquals(1000 + 5000 + 200 + 50 + 70, t.audienceUpperBound(), "each room once; d unknown, not zero");
        assertEquals(1, t.roomsWithUnknownAudience());
        assertEquals(300 + 120 + 10 + 55 + 40 + 5, t.views());
        assertEquals(1, t.postingsWithoutViews());
        assertEquals(6, t.online());
        assertEquals(1, t.deleted());

        assertEquals("telegram:room_a", spread.first().roomId());
        assertEquals("sender:500", spread.first().poster());
        assertEquals(List.of(0L, 10L, 12L, 15L, 40L, 50L, 60L), spread.postings().stream()
                .map(p -> (p.at().getEpochSecond() - T0.getEpochSecond()) / 60).toList(), "in time order");
        assertEquals(3L, spread.postings().get(1).forwardedFromMessage());

        Set<String> edges = spread.edges().stream().map(e -> e.from() + ">" + e.to() + ":" + e.kind() + "x" + e.postings())
                .collect(Collectors.toSet());
        assertEquals(Set.of("telegram:room_a>telegram:room_b:forwardx1", "telegram:room_a>telegram:room_c:forwardx1",
                "telegram:room_a>telegram:room_d:forwardx1", "telegram:room_a>telegram:room_e:sharedx1",
                "telegram:room_a>telegram:room_f:sharedx1", "telegram:chat:-100777>telegram:room_b:forwardx1"), edges);

        Spread.Node a = node(spread, "telegram:room_a");
        assertTrue(a.first() && a.watched());
        assertEquals(1000L, a.audience());
        assertNull(node(spread, "telegram:room_d").audience(), "never captured: unknown");
        Spread.Node origin = node(spread, "telegram:chat:-100777");
        assertFalse(origin.watched(), "a forward origin never crawled");
        assertEquals(0, origin.postings());
        assertEquals(2, node(spread, "telegram:room_b").postings());
    }

    @Test
    void aCaseWithNoSightingsHasAnEmptySpreadThatSaysSo() {
        Spread spread = Spread.of("2026-서울-0010", List.of(), Map.of());
        assertNull(spread.first());
        assertEquals(0, spread.totals().postings());
        assertEquals(0L, spread.totals().audienceUpperBound());
        assertTrue(spread.rooms().isEmpty() && spread.edges().isEmpty());
    }

    @Test
    void forwardOriginsAsTheSourcesGiveThem() {
        assertEquals("telegram:room_a", Spread.originRoom("https://t.me/room_a/3"));
        assertEquals("telegram:room_a", Spread.originRoom("http://127.0.0.1:4040/room_a"));
        assertEquals("telegram:chat:-100123", Spread.originRoom("chat:-100123/7"));
        assertNull(Spread.originRoom("홍길동"), "a person's name names no room");
        assertNull(Spread.originRoom("https://t.me/"));
        assertNull(Spread.originRoom(null));
    }

    private static Spread.Node node(Spread spread, String id) {
        return spread.rooms().stream().filter(n -> n.roomId().equals(id)).findFirst().orElseThrow(() -> new AssertionError(id));
    }
}
