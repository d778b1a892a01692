package org.roomwatch.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RoomGraphTest {
    private static final Instant T = Instant.parse("2026-10-01T00:00:00Z");

    private static RoomGraph.Node tagged(String id, boolean named) {
        return new RoomGraph.Node(id, "방 " + id, true, named, true, 100L, 5);
    }

    private static Map<String, Instant> seen(Object... roomAndMinutes) {
        Map<String, Instant> out = new LinkedHashMap<>();
        for (int i = 0; i < roomAndMinutes.length; i += 2) {
            out.put((String) roomAndMinutes[i], T.plusSeconds(60L * (Integer) roomAndMinutes[i + 1]));
        }
        return out;
    }

    private static Set<String> edges(RoomGraph g) {
        return g.edges().stream().map(e -> e.from() + ">" + e.to() + ":" + e.kind() + "=" + e.count()).collect(Collectors.toSet());
    }

    @Test
    void anImageInSeveralRoomsLinksTheRoomWhereItWasFirstSeenToEachOtherNotEveryPair() {
        RoomGraph g = RoomGraph.of("s1", new RoomGraph.Facts(List.of(tagged("a", true), tagged("b", false), tagged("c", false)),
                List.of(), List.of(), List.of(new RoomGraph.Posted("sha1", seen("b", 5, "a", 9, "c", 1))), List.of(), false));
        assertEquals(Set.of("c>b:shared=1", "c>a:shared=1"), edges(g), "c saw it first: two edges, not three");
    }

    @Test
    void tiesOfOneKindBetweenTheSameRoomsAreCountedOnOneEdgeAndARoomIsNeverTiedToItself() {
        RoomGraph g = RoomGraph.of("s1", new RoomGraph.Facts(List.of(tagged("a", true), tagged("b", false)),
                List.of(new RoomGraph.Flow("a", "b", 3), new RoomGraph.Flow("a", "b", 2), new RoomGraph.Flow("b", "b", 7)),
                List.of(new RoomGraph.Flow("b", "a", 1)),
                List.of(new RoomGraph.Posted("sha1", seen("a", 1, "b", 2)), new RoomGraph.Posted("sha2", seen("a", 3, "b", 4)),
                        new RoomGraph.Posted("sha3", seen("b", 1))),
                List.of(new RoomGraph.Posted("sender:7", seen("b", 1, "a", 2))), false));
        assertEquals(Set.of("a>b:forward=5", "b>a:link=1", "a>b:shared=2", "b>a:poster=1"), edges(g));
        assertEquals(Map.of("forward", 1, "link", 1, "shared", 1, "poster", 1), g.totals().edges());
        assertEquals(2, g.totals().taggedRooms());
        assertEquals(0, g.totals().otherRooms());
    }

    @Test
    void aRoomOnlyReachedByALinkOrAForwardIsANodeMarkedUnwatchedWithAnUnknownAudience() {
        RoomGraph.Node outside = new RoomGraph.Node("telegram:crawled", "다른 방", false, false, true, 40L, 0);
        RoomGraph g = RoomGraph.of("s1", new RoomGraph.Facts(List.of(tagged("telegram:a", true), outside),
                List.of(new RoomGraph.Flow("telegram:crawled", "telegram:a", 1), new RoomGraph.Flow("telegram:never", "telegram:a", 2)),
                List.of(new RoomGraph.Flow("telegram:a", "telegram:+AbCdEfGh12", 1)), List.of(), List.of(), true));
        assertEquals(List.of("telegram:a", "telegram:crawled", "telegram:never", "telegram:+AbCdEfGh12"),
                g.nodes().stream().map(RoomGraph.Node::roomId).toList());
        RoomGraph.Node never = g.nodes().get(2);
        assertFalse(never.watched());
        assertFalse(never.tagged());
        assertEquals(null, never.audience(), "never captured: unknown, not zero");
        assertTrue(g.nodes().get(1).watched());
        assertEquals(1, g.totals().taggedRooms());
        assertEquals(3, g.totals().otherRooms());
        assertTrue(g.cut(), "the facts' cut is the graph's");
    }

    @Test
    void aSchoolWithNoRoomsIsAnEmptyGraph() {
        RoomGraph g = RoomGraph.of("s1", new RoomGraph.Facts(List.of(), List.of(), List.of(), List.of(), List.of(), false));
        assertTrue(g.nodes().isEmpty());
        assertTrue(g.edges().isEmpty());
        assertEquals(0, g.totals().edges().get(RoomGraph.FORWARD));
    }
}
