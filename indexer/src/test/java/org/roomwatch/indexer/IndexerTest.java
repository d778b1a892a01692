package org.roomwatch.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomwatch.core.InviteStatus;
import org.roomwatch.core.MediaKind;
import org.roomwatch.core.MediaRef;
import org.roomwatch.core.Message;
import org.roomwatch.core.MessageDeletion;
import org.roomwatch.core.Room;
import org.roomwatch.core.RoomKind;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.search.MessageQuery;
import org.roomwatch.core.search.MessageSort;
import org.roomwatch.core.search.RoomQuery;
import org.roomwatch.core.search.SearchPage;
import org.roomwatch.indexer.testing.IndicesExtension;
import org.roomwatch.indexer.testing.TestIndices;

@ExtendWith(IndicesExtension.class)
class IndexerTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private ElasticsearchClient client;
    private IndexNames names;
    private BulkMessageWriter writer;
    private ElasticsearchSearchService search;

    @BeforeEach
    void setUp(TestIndices indices) throws IOException {
        client = indices.client();
        names = indices.names();
        writer = new BulkMessageWriter(client, names, new MessageEnricher(), new ConfigLoader().defaults().elasticsearch());
        search = new ElasticsearchSearchService(client, names);
    }

    static Message message(long id, String room, String text, Instant at, boolean media) {
        return new Message("telegram", room, id, "https://t.me/" + room + "/" + id, at, null, text, List.of(), null, null,
                100L, false, false, media ? List.of(new MediaRef(MediaKind.PHOTO, "https://cdn.example/p.jpg")) : List.of(),
                at.plusSeconds(60), "https://t.me/s/" + room, "ab".repeat(32));
    }

    private void refresh() throws IOException {
        client.indices().refresh(r -> r.index(names.prefix() + "*"));
    }

    private SearchPage find(String text) {
        return search.messages(new MessageQuery(text, null, null, null, null, null, 1, 10, true));
    }

    @Test
    void koreanSearchFindsSchoolAndSlangInsideCompounds() throws IOException {
        writer.writeMessages(List.of(
                message(1, "seoul_mid_chat", "서울중학교 애들 들어와", T0, false),
                message(2, "jiin_room_01", "지인능욕방 새로 팠음", T0.plusSeconds(10), false),
                message(3, "jiin_room_01", "오늘 공지 없음", T0.plusSeconds(20), false)));
        refresh();
        assertEquals(List.of("telegram:seoul_mid_chat:1"), find("중학교").hits().stream().map(h -> h.id()).toList());
        assertEquals(List.of("telegram:jiin_room_01:2"), find("능욕").hits().stream().map(h -> h.id()).toList());
        assertTrue(find("능욕").hits().get(0).highlights().get(0).contains("<mark>"));
        // 인능 is no word of the Korean analyzer's (인 + 능, neither in 지인·능욕·방): found through the bigram field
        // alone, and marked there.
        assertEquals(List.of("지<mark>인능</mark>욕방 새로 팠음"), find("인능").hits().get(0).highlights());
        assertEquals(0, find("없는말").total());
    }

    @Test
    void phrasesAlternativesAndExclusionsNarrowTheSearch() throws IOException {
        writer.writeMessages(List.of(
                message(21, "syntax_room", "한빛여고 지인 능욕 자료", T0, false),
                message(22, "syntax_room", "능욕 아니고 지인 소개", T0.plusSeconds(10), false),
                message(23, "syntax_room", "새솔중학교 공지 올림", T0.plusSeconds(20), false),
                message(24, "syntax_room", "한빛여고 공지", T0.plusSeconds(30), false)));
        refresh();
        java.util.function.Function<String, List<String>> ids = q -> find(q).hits().stream().map(h -> h.id()).sorted().toList();
        assertEquals(List.of("telegram:syntax_room:21", "telegram:syntax_room:22"), ids.apply("지인 능욕"));
        assertEquals(List.of("telegram:syntax_room:21"), ids.apply("\"지인 능욕\""), "a phrase keeps its words together");
        assertEquals(List.of("telegram:syntax_room:21", "telegram:syntax_room:23", "telegram:syntax_room:24"),
                ids.apply("한빛여고 OR 새솔중학교"));
        assertEquals(List.of("telegram:syntax_room:21"), ids.apply("한빛여고 -공지"));
        assertEquals(List.of(), ids.apply("*:*"), "no query language: *:* is a word that is nowhere");
    }

    @Test
    void recrawlUpdatesInsteadOfDuplicatingAndEditsAddVersions() throws IOException {
        Message original = message(7, "hanbit_gossip", "처음 글", T0, false);
        writer.writeMessages(List.of(original));
        writer.writeMessages(List.of(original));
        Message edited = new Message("telegram", "hanbit_gossip", 7, original.permalink(), T0, null, "고친 글", List.of(),
                null, null, 150L, true, false, List.of(), T0.plusSeconds(600), original.seenThrough(), "cd".repeat(32));
        writer.writeMessages(List.of(edited));
        refresh();
        assertEquals(1, client.count(c -> c.index(names.messages())).count());
        assertEquals(2, client.count(c -> c.index(names.messageVersions())).count(), "original and edit are both kept");
        assertEquals("고친 글", find("고친").hits().get(0).source().get("text"));
    }

    @Test
    void aDeletionKeepsTheCapturedMessageAndAddsTheFactOnce() throws IOException {
        writer.writeMessages(List.of(message(11, "hanbit_gossip", "지워질 글", T0, false)));
        MessageDeletion seen = new MessageDeletion("telegram", "hanbit_gossip", 11, T0.plusSeconds(3600), "account:kim");
        writer.writeDeletions(List.of(seen));
        writer.writeDeletions(List.of(seen)); // the same deletion seen again is not a second fact
        // A deletion of a message never captured still says that it existed and was deleted.
        writer.writeDeletions(List.of(new MessageDeletion("telegram", "hanbit_gossip", 12, T0.plusSeconds(3700), "account:kim")));
        refresh();
        Map<?, ?> kept = client.get(g -> g.index(names.messages()).id("telegram:hanbit_gossip:11"), Map.class).source();
        assertEquals("지워질 글", kept.get("text"));
        assertEquals(T0.plusSeconds(3600).toString(), kept.get("deleted_at"));
        Map<?, ?> skeleton = client.get(g -> g.index(names.messages()).id("telegram:hanbit_gossip:12"), Map.class).source();
        assertEquals(T0.plusSeconds(3700).toString(), skeleton.get("deleted_at"));
        assertEquals(null, skeleton.get("text"));
        assertEquals(3, client.count(c -> c.index(names.messageVersions())).count(), "the message, and two deletions");
        assertEquals(2, client.count(c -> c.index(names.messageVersions()).query(q -> q.term(t -> t.field("deleted").value(true))))
                .count());
    }

    @Test
    void messageDocumentKeepsEvidenceFields() throws IOException {
        writer.writeMessages(List.of(message(9, "saesol_room", "증거 확인 https://example.org/x #태그 @sample_user", T0, true)));
        refresh();
        var source = find("증거").hits().get(0).source();
        assertEquals("https://t.me/saesol_room/9", source.get("permalink"));
        assertEquals("https://t.me/s/saesol_room", source.get("seen_through"));
        assertEquals("ab".repeat(32), source.get("raw_sha256"));
        assertEquals(T0.plusSeconds(60).toString(), source.get("captured_at"));
        assertEquals(List.of("https://example.org/x"), source.get("links"));
        assertEquals(List.of("태그"), source.get("hashtags"));
        assertEquals(List.of("sample_user"), source.get("handles"));
        assertEquals(true, source.get("has_media"));
    }

    @Test
    void filtersSortAndPaging() throws IOException {
        for (int i = 1; i <= 12; i++) {
            writer.writeMessages(List.of(message(i, i % 2 == 0 ? "even_room" : "odd_room", "공지 " + i, T0.plusSeconds(i * 60L), i % 3 == 0)));
        }
        refresh();
        SearchPage evens = search.messages(new MessageQuery(null, "even_room", null, null, null, MessageSort.OLDEST, 1, 4, false));
        assertEquals(6, evens.total());
        assertEquals(List.of(2L, 4L, 6L, 8L), evens.hits().stream().map(h -> ((Number) h.source().get("message_id")).longValue()).toList());
        SearchPage page2 = search.messages(new MessageQuery(null, "telegram:even_room", null, null, null, MessageSort.OLDEST, 2, 4, false));
        assertEquals(List.of(10L, 12L), page2.hits().stream().map(h -> ((Number) h.source().get("message_id")).longValue()).toList());
        SearchPage media = search.messages(new MessageQuery(null, null, null, null, true, null, 1, 50, false));
        assertEquals(4, media.total());
        SearchPage window = search.messages(new MessageQuery(null, null, T0.plusSeconds(180), T0.plusSeconds(300), null, null, 1, 50, false));
        assertEquals(3, window.total());
    }

    @Test
    void roomsAreSearchableAndTitleChangesAreHistory() throws IOException {
        Room room = new Room("telegram", "dalbit_notice", "달빛여중 지인방", "달빛여중 지인능욕 제보방", RoomKind.GROUP, 321L, null, null,
                null, null, null, true, InviteStatus.NOT_AN_INVITE, T0, "https://t.me/s/dalbit_notice", "ef".repeat(32));
        writer.writeRoom(room);
        writer.writeRoom(new Room("telegram", "dalbit_notice", "달빛 공지", "달빛여중 지인능욕 제보방", RoomKind.GROUP, 330L, null, null,
                null, null, null, true, InviteStatus.NOT_AN_INVITE, T0.plusSeconds(3600), "https://t.me/s/dalbit_notice", "01".repeat(32)));
        writer.writeMessages(List.of(message(1, "dalbit_notice", "첫 글", T0, false)));
        refresh();
        SearchPage rooms = search.rooms(new RoomQuery("능욕", null, 100L, null, 1, 10));
        assertEquals(1, rooms.total());
        assertEquals("달빛 공지", rooms.hits().get(0).source().get("title"));
        assertEquals(2, client.count(c -> c.index(names.roomVersions())).count());
        assertEquals(0, search.rooms(new RoomQuery("능욕", null, 1000L, null, 1, 10)).total());
        var detail = search.room("telegram:dalbit_notice", 5).orElseThrow();
        assertEquals(1, detail.latest().total());
        assertFalse(search.room("telegram:nope", 5).isPresent());
    }

    @Test
    void staleIndexIsReportedAtStartUp() throws IOException {
        IndexNames stale = new IndexNames(names.prefix() + "stale-");
        client.indices().create(c -> c.index(stale.messages()).mappings(m -> m.properties("text", p -> p.keyword(k -> k))));
        var e = assertThrows(IllegalStateException.class, () -> new IndexManager(client, stale).ensureAll());
        assertTrue(e.getMessage().contains("text is keyword, expected text"), e.getMessage());
    }
}
