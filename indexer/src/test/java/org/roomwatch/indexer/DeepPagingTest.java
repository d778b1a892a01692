package org.roomwatch.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomwatch.core.Message;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.search.Hit;
import org.roomwatch.core.search.MessageQuery;
import org.roomwatch.core.search.MessageSort;
import org.roomwatch.core.search.MessageViews;
import org.roomwatch.indexer.testing.IndicesExtension;
import org.roomwatch.indexer.testing.TestIndices;

/**
 * Deep pages through a point in time and search_after: a walk page by page yields every match once, in the order the
 * numbered pages give; a walk can start after any position within the window (where numbered pages stop); a cursor
 * that is not one, or whose view expired, is refused as such. (Messages share timestamps in threes, so ties are
 * broken by the point in time's own tie-breaker, not by luck.)
 */
@ExtendWith(IndicesExtension.class)
class DeepPagingTest {
    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");

    private static List<String> ids(List<Hit> hits) {
        return hits.stream().map(Hit::id).toList();
    }

    @Test
    void aWalkYieldsEveryMatchOnceInOrderFromAnyStartAndRefusesABadOrExpiredCursor(TestIndices indices) throws Exception {
        List<Message> messages = new ArrayList<>();
        for (int n = 1; n <= 47; n++) {
            messages.add(new Message("telegram", "deep_room", n, "https://t.me/deep_room/" + n, T0.plusSeconds(60L * (n / 3)), null,
                    "소문 " + n, List.of(), null, null, 1L, false, false, List.of(), T0, "account:kim", "aa".repeat(32)));
        }
        try (BulkMessageWriter writer = new BulkMessageWriter(indices.client(), indices.names(), new MessageEnricher(),
                new ConfigLoader().defaults().elasticsearch())) {
            writer.writeMessages(messages);
        }
        indices.client().indices().refresh(r -> r.index(indices.names().messages()));
        ElasticsearchMessageViews views = new ElasticsearchMessageViews(indices.client(), indices.names(), null);
        MessageQuery query = new MessageQuery("소문", null, null, null, null, MessageSort.NEWEST, 1, 10, false);

        List<String> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            MessageViews.CursorPage page = views.scroll(query, cursor, 0);
            assertEquals(47, page.page().total());
            walked.addAll(ids(page.page().hits()));
            cursor = page.next();
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(5, pages);
        assertEquals(47, walked.size());
        assertEquals(47, walked.stream().distinct().count(), "every match once");
        List<Instant> times = walked.stream().map(id -> T0.plusSeconds(60L * (Integer.parseInt(id.substring(id.lastIndexOf(':') + 1)) / 3))).toList();
        for (int i = 1; i < times.size(); i++) {
            assertTrue(!times.get(i).isAfter(times.get(i - 1)), "newest first at " + i);
        }

        MessageViews.CursorPage fromThirty = views.scroll(query, null, 30);
        assertEquals(walked.subList(30, 40), ids(fromThirty.page().hits()), "a walk started after 30 continues where page 3 ended");
        MessageViews.CursorPage last = views.scroll(query, fromThirty.next(), 0);
        assertEquals(walked.subList(40, 47), ids(last.page().hits()));
        assertNull(last.next(), "nothing after the last page");
        assertTrue(views.scroll(query, null, 47).page().hits().isEmpty(), "starting past the end is an empty page, not an error");

        assertThrows(IllegalArgumentException.class, () -> views.scroll(query, "not-a-cursor", 0));
        assertThrows(IllegalArgumentException.class, () -> views.scroll(query, null, 10_001));
        String pit = MessageCursor.decode(fromThirty.next()).pit();
        indices.client().closePointInTime(c -> c.id(pit));
        IllegalArgumentException expired = assertThrows(IllegalArgumentException.class, () -> views.scroll(query, fromThirty.next(), 0));
        assertTrue(expired.getMessage().contains("expired"), expired.getMessage());
    }
}
