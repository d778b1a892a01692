package org.roomwatch.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulated room's pages and counters, which the site serves from kept state instead of counting every post. */
class SimRoomTest {
    private static final Instant T = Instant.parse("2026-07-01T00:00:00Z");

    private static SimPost post(long id, int photos, boolean video) {
        return new SimPost(id, T.plusSeconds(id), null, "글 " + id, null, null, 0, false, photos, video, null, false);
    }

    private static List<Long> ids(List<SimPost> posts) {
        return posts.stream().map(SimPost::id).toList();
    }

    @Test
    void pagesAreTheNewestPostsBelowTheCursorInIdOrder() {
        SimRoom room = new SimRoom("room", "방", "설명", true, 10, true);
        for (long id : new long[] {2, 3, 5, 8, 13, 21}) {
            room.add(post(id, 0, false));
        }
        assertEquals(List.of(8L, 13L, 21L), ids(room.page(0, 3)));
        assertEquals(List.of(3L, 5L, 8L), ids(room.page(13, 3)), "before is exclusive");
        assertEquals(List.of(3L, 5L, 8L), ids(room.page(9, 3)), "a cursor between ids");
        assertEquals(List.of(2L, 3L), ids(room.page(5, 3)), "fewer than a page left");
        assertEquals(List.of(), ids(room.page(2, 3)), "nothing older than the first");
        assertEquals(List.of(2L, 3L, 5L, 8L, 13L, 21L), ids(room.page(1_000, 50)));
        assertEquals(2, room.firstId());
        assertEquals(0, new SimRoom("empty", "빈 방", "", true, 1, true).firstId());
    }

    @Test
    void countersFollowAddsEditsAndDeletions() {
        SimRoom room = new SimRoom("room", "방", "설명", true, 10, true);
        room.add(post(1, 2, false));
        room.add(post(2, 0, true));
        room.add(post(3, 1, true));
        assertEquals(3, room.photoCount());
        assertEquals(2, room.videoCount());
        room.replace(post(3, 4, false));
        assertEquals(6, room.photoCount());
        assertEquals(1, room.videoCount());
        room.delete(1);
        assertEquals(4, room.photoCount());
        assertEquals(List.of(2L, 3L), ids(room.posts()));
        assertThrows(IllegalArgumentException.class, () -> room.delete(1), "a post deleted twice");
        assertThrows(IllegalArgumentException.class, () -> room.delete(7), "a post never there");
        assertThrows(IllegalArgumentException.class, () -> room.add(post(3, 0, false)), "ids must grow");
        assertEquals(4, room.photoCount(), "a refused change counts nothing");
    }
}
